import { useId, useRef, useState, type ReactNode } from 'react'
import { selectorFields } from '../../../shared/brand'
import {
  numberSettings,
  type BrandSettingsDraft,
  type BrandSettingsDraftField,
  type BrandSettingsErrors,
  type NumberSetting,
  type SelectorField
} from './brand-settings-draft'

/**
 * The label of each selector's input. The product's name is called its title: the dialog already
 * has a "Name" field (the brand's), and two controls both called "name" would be ambiguous.
 */
const selectorLabels: Record<SelectorField, string> = {
  name: 'Title',
  price: 'Price',
  sku: 'SKU',
  mpn: 'MPN',
  description: 'Description',
  images: 'Images',
  brand: 'Brand',
  availability: 'Availability',
  category: 'Category'
}

/** The fieldsets of the numeric settings, in the order the form shows them. */
const settingGroups: ReadonlyArray<{ id: NumberSetting['group']; legend: string }> = [
  { id: 'limits', legend: 'Limits' },
  { id: 'schedule', legend: 'Schedule' }
]

/** Props of {@link BrandSettingsFields}. */
export interface BrandSettingsFieldsProps {
  draft: BrandSettingsDraft
  /** What is wrong with the draft; each shows once its control was left, or with `showAllErrors`. */
  errors: BrandSettingsErrors
  onDraftChange: (draft: BrandSettingsDraft) => void
  /** Show every error, not only those of controls the user has left: after a submit attempt. */
  showAllErrors: boolean
  /** Whether the disclosure is open. */
  open: boolean
  /** The user opened or closed the disclosure, or a control in it failed the browser's checks. */
  onOpenChange: (open: boolean) => void
}

/**
 * A brand's crawl settings in a disclosure: URL patterns to include and exclude, CSS selector
 * overrides, the crawl's limits and how often the brand is refreshed. Controls only; the owning
 * form parses and sends the draft.
 */
export function BrandSettingsFields(props: BrandSettingsFieldsProps): ReactNode {
  const { draft, onDraftChange } = props
  const base = useId()
  const details = useRef<HTMLDetailsElement>(null)
  const [left, setLeft] = useState<ReadonlySet<BrandSettingsDraftField>>(new Set())
  const id = (suffix: string): string => `${base}-${suffix}`

  const shown = (field: BrandSettingsDraftField): readonly string[] =>
    props.showAllErrors || left.has(field) ? (props.errors[field] ?? []) : []
  const fieldLeft = (field: BrandSettingsDraftField) => (): void => {
    if (!left.has(field)) setLeft(new Set(left).add(field))
  }
  // The browser's own checks (min, max, step) cannot focus a control inside a closed disclosure,
  // and would then refuse the submit without a word: open it first, synchronously.
  const reveal = (): void => {
    if (details.current) details.current.open = true
    props.onOpenChange(true)
  }

  return (
    <details
      ref={details}
      className="settings-disclosure"
      open={props.open}
      onToggle={(event) => props.onOpenChange(event.currentTarget.open)}
    >
      <summary>Advanced crawl settings</summary>
      <div className="settings-body">
        <PatternField
          id={id('include')}
          label="Include URL patterns"
          hint="Only URLs matching one of these are crawled. One regular expression per line; none means the whole site."
          placeholder={'/products/\n/shop/'}
          value={draft.include}
          errors={shown('include')}
          onChange={(include) => onDraftChange({ ...draft, include })}
          onBlur={fieldLeft('include')}
        />
        <PatternField
          id={id('exclude')}
          label="Exclude URL patterns"
          hint="URLs matching any of these are never requested. One regular expression per line."
          placeholder={'/blog/\n\\?sort='}
          value={draft.exclude}
          errors={shown('exclude')}
          onChange={(exclude) => onDraftChange({ ...draft, exclude })}
          onBlur={fieldLeft('exclude')}
        />
        <fieldset className="settings-group" aria-describedby={id('selectors-hint')}>
          <legend>CSS selector overrides</legend>
          <span id={id('selectors-hint')} className="hint">
            For a site whose markup misleads the extractors. Empty fields use automatic detection.
          </span>
          <div className="settings-grid">
            {selectorFields.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={id(`selector-${field}`)}>
                  {selectorLabels[field]}
                  <span className="visually-hidden"> selector</span>
                </label>
                <input
                  id={id(`selector-${field}`)}
                  type="text"
                  className="code-input"
                  spellCheck={false}
                  autoCapitalize="off"
                  autoComplete="off"
                  value={draft.selectors[field]}
                  onChange={(e) =>
                    onDraftChange({
                      ...draft,
                      selectors: { ...draft.selectors, [field]: e.target.value }
                    })
                  }
                />
              </div>
            ))}
          </div>
        </fieldset>
        {settingGroups.map((group) => (
          <fieldset className="settings-group" key={group.id}>
            <legend>{group.legend}</legend>
            <div className="settings-grid">
              {numberSettings
                .filter((setting) => setting.group === group.id)
                .map((setting) => (
                  <NumberField
                    key={setting.key}
                    id={id(setting.key)}
                    setting={setting}
                    value={draft[setting.key]}
                    errors={shown(setting.key)}
                    onChange={(value) => onDraftChange({ ...draft, [setting.key]: value })}
                    onBlur={fieldLeft(setting.key)}
                    onInvalid={reveal}
                  />
                ))}
            </div>
          </fieldset>
        ))}
      </div>
    </details>
  )
}

interface PatternFieldProps {
  id: string
  label: string
  hint: string
  placeholder: string
  value: string
  errors: readonly string[]
  onChange: (value: string) => void
  onBlur: () => void
}

function PatternField(props: PatternFieldProps): ReactNode {
  const invalid = props.errors.length > 0
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        className="code-input"
        rows={3}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        placeholder={props.placeholder}
        value={props.value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(props.id, invalid)}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
      <span id={`${props.id}-hint`} className="hint">
        {props.hint}
      </span>
      <FieldErrors id={`${props.id}-error`} errors={props.errors} />
    </div>
  )
}

interface NumberFieldProps {
  id: string
  setting: NumberSetting
  value: string
  errors: readonly string[]
  onChange: (value: string) => void
  onBlur: () => void
  onInvalid: () => void
}

function NumberField({ id, setting, ...props }: NumberFieldProps): ReactNode {
  const invalid = props.errors.length > 0
  const range =
    setting.max === undefined
      ? `At least ${setting.min}`
      : `${setting.min} to ${setting.max.toLocaleString('en-US')}`
  return (
    <div className="field">
      <label htmlFor={id}>{setting.label}</label>
      <input
        id={id}
        type="number"
        inputMode={setting.fractional ? 'decimal' : 'numeric'}
        step={setting.fractional ? 'any' : 1}
        min={setting.min}
        max={setting.max}
        placeholder={String(setting.fallback)}
        value={props.value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(id, invalid)}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
        onInvalid={props.onInvalid}
      />
      <span id={`${id}-hint`} className="hint">
        {range}; empty for the default, {setting.fallback}.
      </span>
      <FieldErrors id={`${id}-error`} errors={props.errors} />
    </div>
  )
}

function FieldErrors(props: { id: string; errors: readonly string[] }): ReactNode {
  if (props.errors.length === 0) return null
  return (
    <div id={props.id} className="field-error">
      {props.errors.map((error) => (
        <p key={error}>{error}</p>
      ))}
    </div>
  )
}

function describedBy(id: string, invalid: boolean): string {
  return invalid ? `${id}-hint ${id}-error` : `${id}-hint`
}
