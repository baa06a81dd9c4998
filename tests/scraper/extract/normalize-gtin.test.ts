import { describe, expect, it } from 'vitest'
import { normalizeGtin } from '../../../src/scraper/extract/normalize-gtin'

describe('normalizeGtin', () => {
  it('keeps GTIN-8, -12, -13 and -14 digits', () => {
    expect(normalizeGtin('4006381333931')).toBe('4006381333931')
    expect(normalizeGtin('0 12345 67890 5')).toBe('012345678905')
    expect(normalizeGtin(96385074)).toBe('96385074')
    expect(normalizeGtin('https://id.gs1.org/01/09506000134352')).toBe('09506000134352')
  })

  it('rejects shop item numbers written in GTIN fields', () => {
    expect(normalizeGtin('W005759888')).toBeNull()
    expect(normalizeGtin('32429335302')).toBeNull()
    expect(normalizeGtin('')).toBeNull()
  })
})
