import { describe, expect, it } from 'vitest'
import {
  emptyLogFilter,
  isLogFilterSet,
  matchesLogFilter,
  toLogListFilter
} from '../../../src/renderer/src/stores/log-filter'
import { logEntry } from '../support/log-entry'

describe('matchesLogFilter', () => {
  it('applies level-and-above, brand (any case) and text (any case)', () => {
    const filter = { level: 'warn' as const, brand: 'krk systems', q: 'TIMEOUT' }
    expect(
      matchesLogFilter(logEntry(1, { level: 'error', message: 'Timeout on /x' }), filter)
    ).toBe(true)
    expect(matchesLogFilter(logEntry(2, { level: 'info', message: 'Timeout on /x' }), filter)).toBe(
      false
    )
    expect(
      matchesLogFilter(logEntry(3, { level: 'warn', brand: 'Shure', message: 'timeout' }), filter)
    ).toBe(false)
    expect(matchesLogFilter(logEntry(4, { level: 'warn', message: 'fine' }), filter)).toBe(false)
  })
})

describe('isLogFilterSet', () => {
  it('is false only when every control shows all lines', () => {
    expect(isLogFilterSet(emptyLogFilter)).toBe(false)
    expect(isLogFilterSet({ ...emptyLogFilter, level: 'error' })).toBe(true)
    expect(isLogFilterSet({ ...emptyLogFilter, brand: 'Shure' })).toBe(true)
    expect(isLogFilterSet({ ...emptyLogFilter, q: 'timeout' })).toBe(true)
  })
})

describe('toLogListFilter', () => {
  it('asks for no condition where a control is empty, and for the trimmed search', () => {
    expect(toLogListFilter({ level: '', brand: '', q: '   ' })).toEqual({
      level: undefined,
      brand: undefined,
      q: undefined
    })
    expect(toLogListFilter({ level: 'warn', brand: 'Shure', q: ' time out ' })).toEqual({
      level: 'warn',
      brand: 'Shure',
      q: 'time out'
    })
  })
})
