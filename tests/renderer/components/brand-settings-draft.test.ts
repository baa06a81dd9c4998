import { describe, expect, it } from 'vitest'
import {
  hasSettings,
  numberSettings,
  parseSettingsDraft,
  settingsDraftFrom,
  type BrandSettingsDraft
} from '../../../src/renderer/src/components/brand-settings-draft'
import { brandSettingsSchema, type BrandSettings } from '../../../src/shared/brand'

const empty = settingsDraftFrom({})

function draft(overrides: Partial<BrandSettingsDraft>): BrandSettingsDraft {
  return { ...empty, ...overrides }
}

describe('a brand settings draft', () => {
  it('round-trips stored settings through the form unchanged', () => {
    const stored: BrandSettings = {
      include: ['/products/', '^https://shop\\.'],
      exclude: ['\\?sort='],
      selectors: { price: '.price-now', brand: '.maker' },
      concurrency: 4,
      minDelayMs: 0,
      maxPages: 100,
      maxDepth: 3,
      refreshHours: 0.5
    }
    const form = settingsDraftFrom(stored)
    expect(form.include).toBe('/products/\n^https://shop\\.')
    expect(form.selectors.price).toBe('.price-now')
    expect(form.selectors.name).toBe('')
    expect(parseSettingsDraft(form)).toEqual({ settings: stored, errors: {} })
    expect(hasSettings(stored)).toBe(true)
  })

  it('leaves empty controls out (the defaults apply), ignoring blank lines and spaces', () => {
    expect(parseSettingsDraft(empty)).toEqual({ settings: {}, errors: {} })
    const spaced = draft({
      include: '\n  /shop/  \r\n\n',
      selectors: { ...empty.selectors, sku: '   ' },
      maxPages: ' 50 '
    })
    expect(parseSettingsDraft(spaced)).toEqual({
      settings: { include: ['/shop/'], maxPages: 50 },
      errors: {}
    })
    expect(hasSettings({})).toBe(false)
    expect(hasSettings({ selectors: { name: ' ' } })).toBe(false)
    expect(hasSettings({ maxDepth: 0 })).toBe(true)
  })

  it('says what is wrong with each control, naming the line of a bad pattern', () => {
    const { errors } = parseSettingsDraft(
      draft({
        include: '/ok/\n(unclosed\n' + 'x'.repeat(501),
        concurrency: 'two',
        maxPages: '1.5',
        minDelayMs: '60001',
        maxDepth: '-1',
        refreshHours: '0'
      })
    )
    expect(errors.include).toEqual([
      'Line 2: "(unclosed" is not a valid regular expression (Unterminated group).',
      'Line 3 is longer than 500 characters.'
    ])
    expect(errors.concurrency).toEqual(['Concurrency must be a number.'])
    expect(errors.maxPages).toEqual(['Max pages must be a whole number.'])
    expect(errors.minDelayMs).toEqual(['Minimum delay (ms) must be between 0 and 60000.'])
    expect(errors.maxDepth).toEqual(['Max depth must be at least 0.'])
    expect(errors.refreshHours).toEqual(['Refresh every (hours) must be between 0.01 and 8760.'])
    expect(errors.exclude).toBeUndefined()
  })

  it('accepts exactly what the catalog accepts, at the edge of every range', () => {
    for (const setting of numberSettings) {
      const step = setting.fractional ? 0.001 : 1
      const edges = [setting.min, setting.min - step]
      if (setting.max !== undefined) edges.push(setting.max, setting.max + step)
      for (const value of edges) {
        const parsed = parseSettingsDraft(draft({ [setting.key]: String(value) }))
        const accepted = Object.keys(parsed.errors).length === 0
        const stored = brandSettingsSchema.safeParse({ [setting.key]: value }).success
        expect({ key: setting.key, value, accepted }).toEqual({
          key: setting.key,
          value,
          accepted: stored
        })
      }
    }
  })
})
