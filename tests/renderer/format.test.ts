import { describe, expect, it } from 'vitest'
import { formatDue } from '../../src/renderer/src/format'

describe('formatDue', () => {
  const now = Date.parse('2026-11-30T12:00:00.000Z')

  it('says how far off a due time is, or that it is due', () => {
    expect(formatDue('2026-11-30T15:00:00.000Z', now)).toBe('in 3 h')
    expect(formatDue('2026-11-30T11:00:00.000Z', now)).toBe('due now')
  })

  it('tells a brand never scraped from one whose runs never finished', () => {
    expect(formatDue(null, now)).toBe('never scraped')
    expect(formatDue(null, now, true)).toBe('due now')
  })
})
