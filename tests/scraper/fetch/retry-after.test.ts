import { describe, expect, it } from 'vitest'
import { parseRetryAfter } from '../../../src/scraper/fetch/retry-after'

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, capped, and ignores junk', () => {
    const now = Date.parse('2025-06-01T12:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2_000)
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('3600', now)).toBe(60_000)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(null, now)).toBeNull()
  })
})
