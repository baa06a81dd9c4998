import { describe, expect, it } from 'vitest'
import type { LogEntry } from '../../../src/shared/log-entry'
import {
  createLogsStore,
  matchesLogFilter,
  maxLogLines
} from '../../../src/renderer/src/stores/logs-store'
import { createFakeApi } from '../support/fake-api'

function entry(id: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    time: '2026-01-01T00:00:00.000Z',
    level: 'info',
    source: 'worker',
    brand: 'KRK Systems',
    runId: 1,
    message: `line ${id}`,
    ...extra
  }
}

describe('matchesLogFilter', () => {
  it('applies level-and-above, brand (any case) and text (any case)', () => {
    const filter = { level: 'warn' as const, brand: 'krk systems', q: 'TIMEOUT' }
    expect(matchesLogFilter(entry(1, { level: 'error', message: 'Timeout on /x' }), filter)).toBe(
      true
    )
    expect(matchesLogFilter(entry(2, { level: 'info', message: 'Timeout on /x' }), filter)).toBe(
      false
    )
    expect(
      matchesLogFilter(entry(3, { level: 'warn', brand: 'Shure', message: 'timeout' }), filter)
    ).toBe(false)
    expect(matchesLogFilter(entry(4, { level: 'warn', message: 'fine' }), filter)).toBe(false)
  })
})

describe('logs store', () => {
  it('appends live lines that pass the filter, once each, and keeps the newest 100 000', async () => {
    const store = createLogsStore(createFakeApi().api)
    await store.getState().levelFilterChanged('warn')
    store.getState().entriesReceived([entry(1, { level: 'info' }), entry(2, { level: 'warn' })])
    store.getState().entriesReceived([entry(2, { level: 'warn' })])
    expect(store.getState().entries.map((e) => e.id)).toEqual([2])

    await store.getState().levelFilterChanged('')
    const many = Array.from({ length: maxLogLines + 10 }, (_, i) => entry(i + 10))
    store.getState().entriesReceived(many)
    const entries = store.getState().entries
    expect(entries).toHaveLength(maxLogLines)
    expect(entries.at(-1)!.id).toBe(maxLogLines + 19)
  })

  it('pauses following when the user scrolls away, until asked again', () => {
    const store = createLogsStore(createFakeApi().api)
    expect(store.getState().following).toBe(true)
    store.getState().scrolledAwayFromEnd()
    expect(store.getState().following).toBe(false)
    store.getState().followToggled()
    expect(store.getState().following).toBe(true)
  })
})
