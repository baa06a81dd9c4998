import { brandSettingDefaults, selectorFields, type BrandSettings } from '../../../shared/brand'

/** A product field a brand may point at with a CSS selector. */
export type SelectorField = (typeof selectorFields)[number]

/** The numeric crawl and schedule settings. */
export type NumberSettingKey =
  'concurrency' | 'minDelayMs' | 'maxPages' | 'maxDepth' | 'refreshHours'

/** How the form shows and checks one numeric setting. */
export interface NumberSetting {
  key: NumberSettingKey
  label: string
  /** Smallest accepted value. */
  min: number
  /** Largest accepted value; absent when there is none. */
  max?: number
  /** What the scraper uses when the brand does not set it. */
  fallback: number
  /** Fractions are accepted (half an hour between runs). Default: whole numbers only. */
  fractional?: boolean
  /** The group the form shows it in. */
  group: 'limits' | 'schedule'
}

/** The numeric settings in the order the form shows them, with `brandSettingsSchema`'s ranges. */
export const numberSettings: readonly NumberSetting[] = [
  {
    key: 'concurrency',
    label: 'Concurrency',
    min: 1,
    max: 16,
    fallback: brandSettingDefaults.concurrency,
    group: 'limits'
  },
  {
    key: 'minDelayMs',
    label: 'Minimum delay (ms)',
    min: 0,
    max: 60_000,
    fallback: brandSettingDefaults.minDelayMs,
    group: 'limits'
  },
  {
    key: 'maxPages',
    label: 'Max pages',
    min: 1,
    fallback: brandSettingDefaults.maxPages,
    group: 'limits'
  },
  {
    key: 'maxDepth',
    label: 'Max depth',
    min: 0,
    fallback: brandSettingDefaults.maxDepth,
    group: 'limits'
  },
  {
    key: 'refreshHours',
    label: 'Refresh every (hours)',
    min: 0.01,
    max: 24 * 365,
    fallback: brandSettingDefaults.refreshHours,
    fractional: true,
    group: 'schedule'
  }
]

/** Longest URL pattern `brandSettingsSchema` accepts. */
const maxPatternLength = 500

/** A brand's settings as the user types them: every value is the text of its control. */
export interface BrandSettingsDraft {
  /** One regular expression per line; blank lines are ignored. */
  include: string
  /** One regular expression per line; blank lines are ignored. */
  exclude: string
  /** One selector per field; empty for none. */
  selectors: Record<SelectorField, string>
  concurrency: string
  minDelayMs: string
  maxPages: string
  maxDepth: string
  /** Hours between successful runs; empty for the default. */
  refreshHours: string
}

/** The controls of a draft that can be wrong. */
export type BrandSettingsDraftField = 'include' | 'exclude' | NumberSettingKey

/** Per control, what is wrong with it, one sentence per problem; absent when it is fine. */
export type BrandSettingsErrors = Partial<Record<BrandSettingsDraftField, readonly string[]>>

/** The draft a form starts from for stored settings. */
export function settingsDraftFrom(settings: BrandSettings): BrandSettingsDraft {
  const text = (value: number | undefined): string => (value === undefined ? '' : String(value))
  return {
    include: (settings.include ?? []).join('\n'),
    exclude: (settings.exclude ?? []).join('\n'),
    selectors: Object.fromEntries(
      selectorFields.map((field) => [field, settings.selectors?.[field] ?? ''])
    ) as Record<SelectorField, string>,
    concurrency: text(settings.concurrency),
    minDelayMs: text(settings.minDelayMs),
    maxPages: text(settings.maxPages),
    maxDepth: text(settings.maxDepth),
    refreshHours: text(settings.refreshHours)
  }
}

/** Whether a brand sets anything, so the form shows its settings open. */
export function hasSettings(settings: BrandSettings): boolean {
  return (
    (settings.include?.length ?? 0) > 0 ||
    (settings.exclude?.length ?? 0) > 0 ||
    Object.values(settings.selectors ?? {}).some((selector) => selector.trim() !== '') ||
    numberSettings.some(({ key }) => settings[key] !== undefined)
  )
}

/**
 * The settings a draft says, without empty keys (an empty control means "the default"), and what
 * is wrong with it. The settings are only meant to be sent when there are no errors.
 */
export function parseSettingsDraft(draft: BrandSettingsDraft): {
  settings: BrandSettings
  errors: BrandSettingsErrors
} {
  const settings: BrandSettings = {}
  const errors: BrandSettingsErrors = {}

  for (const key of ['include', 'exclude'] as const) {
    const { patterns, problems } = parsePatterns(draft[key])
    if (problems.length > 0) errors[key] = problems
    else if (patterns.length > 0) settings[key] = patterns
  }

  const selectors: BrandSettings['selectors'] = {}
  for (const field of selectorFields) {
    const selector = draft.selectors[field].trim()
    if (selector !== '') selectors[field] = selector
  }
  if (Object.keys(selectors).length > 0) settings.selectors = selectors

  for (const setting of numberSettings) {
    const text = draft[setting.key].trim()
    if (text === '') continue
    const problem = numberProblem(text, setting)
    if (problem) errors[setting.key] = [problem]
    else settings[setting.key] = Number(text)
  }

  return { settings, errors }
}

function parsePatterns(text: string): { patterns: string[]; problems: string[] } {
  const patterns: string[] = []
  const problems: string[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    const pattern = line.trim()
    if (pattern === '') return
    const where = `Line ${index + 1}`
    if (pattern.length > maxPatternLength) {
      problems.push(`${where} is longer than ${maxPatternLength} characters.`)
      return
    }
    try {
      new RegExp(pattern)
      patterns.push(pattern)
    } catch (error) {
      problems.push(
        `${where}: "${pattern}" is not a valid regular expression (${regExpReason(pattern, error)}).`
      )
    }
  })
  return { patterns, problems }
}

/** V8 repeats the pattern ("Invalid regular expression: /(/: Unterminated group"); keep the why. */
function regExpReason(pattern: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const prefix = `Invalid regular expression: /${pattern}/`
  return message.startsWith(prefix) ? message.slice(prefix.length).replace(/^\w*: /, '') : message
}

function numberProblem(text: string, setting: NumberSetting): string | null {
  const value = Number(text)
  if (!Number.isFinite(value)) return `${setting.label} must be a number.`
  if (!setting.fractional && !Number.isInteger(value)) {
    return `${setting.label} must be a whole number.`
  }
  if (value < setting.min || (setting.max !== undefined && value > setting.max)) {
    return setting.max === undefined
      ? `${setting.label} must be at least ${setting.min}.`
      : `${setting.label} must be between ${setting.min} and ${setting.max}.`
  }
  return null
}
