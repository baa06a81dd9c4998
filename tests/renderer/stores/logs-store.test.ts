import { describe, expect, it } from 'vitest'
import type { Api } from '../../../src/shared/api-contract'
import type { LogEntry, LogLevel } from '../../../src/shared/log-entry'
import { matchesLogFilter, type LogFilter } from '../../../src/renderer/src/stores/log-filter'
import { olderLines } from '../../../src/renderer/src/stores/logs-selectors'
import { logPageLines, maxLogLines } from '../../../src/renderer/src/stores/logs-state'
import { createLogsStore } from '../../../src/renderer/src/stores/logs-store'
import { createFakeApi, type FakeCall } from '../support/fake-api'
import { logEntry } from '../support/log-entry'

describe('logs store', () => {
  it('appends live lines that pass the filter, once each, and keeps the newest 100 000', async () => {
    const store = createLogsStore(createFakeApi().api)
    await store.getState().levelFilterChanged('warn')
    store
      .getState()
      .entriesReceived([logEntry(1, { level: 'info' }), logEntry(2, { level: 'warn' })])
    store.getState().entriesReceived([logEntry(2, { level: 'warn' })])
    expect(store.getState().entries.map((e) => e.id)).toEqual([2])

    await store.getState().levelFilterChanged('')
    const many = Array.from({ length: maxLogLines + 10 }, (_, i) => logEntry(i + 10))
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

/** What the store asks `logs.list` for. */
interface LogListRequest {
  before?: number
  level?: LogLevel
  brand?: string
  q?: string
  limit: number
}

/** `api` with its `logs.list` answered by `list`. */
function withLogsList(api: Api, list: (request: unknown) => Promise<LogEntry[]>): Api {
  return { ...api, logs: { ...api.logs, list } }
}

/**
 * The fake API answering `logs.list` from `lines` (ids ascending) as the server does: the newest
 * `limit` matching lines before `before`, oldest first. `hold` keeps answers back until released.
 */
function withLogDatabase(logged: LogEntry[]): {
  store: ReturnType<typeof createLogsStore>
  calls: FakeCall[]
  lines: LogEntry[]
  hold(): () => void
} {
  const fake = createFakeApi()
  let gate: Promise<void> | null = null
  const list = async (request: unknown): Promise<LogEntry[]> => {
    const { before, level, brand, q, limit } = request as LogListRequest
    fake.calls.push({ method: 'logs.list', request })
    if (gate) await gate
    const filter: LogFilter = { level: level ?? '', brand: brand ?? '', q: q ?? '' }
    const matching = logged.filter(
      (e) => (before === undefined || e.id < before) && matchesLogFilter(e, filter)
    )
    return matching.slice(Math.max(0, matching.length - limit))
  }
  return {
    store: createLogsStore(withLogsList(fake.api, list)),
    calls: fake.calls,
    lines: logged,
    hold() {
      let release!: () => void
      gate = new Promise((resolve) => (release = resolve))
      return () => {
        gate = null
        release()
      }
    }
  }
}

const lines = (from: number, count: number, extra: Partial<LogEntry> = {}): LogEntry[] =>
  Array.from({ length: count }, (_, i) => logEntry(from + i, extra))

const listCalls = (calls: FakeCall[]): unknown[] =>
  calls.filter((c) => c.method === 'logs.list').map((c) => c.request)

describe('scrolling back through the log', () => {
  it('prepends the page before the oldest line held until the database has no older line', async () => {
    const db = withLogDatabase(lines(1, 2 * logPageLines + 10))
    const { store } = db
    await store.getState().opened()
    expect(store.getState().entries[0]!.id).toBe(logPageLines + 11)
    expect(olderLines(store.getState())).toBe('more')

    const loading = store.getState().olderLinesWanted()
    expect(olderLines(store.getState())).toBe('loading')
    // The user reads old lines: live ones must not pull the view back to the end.
    expect(store.getState().following).toBe(false)
    // A second wish while the page is on its way asks nothing more.
    await store.getState().olderLinesWanted()
    await loading
    expect(store.getState().entries).toHaveLength(2 * logPageLines)
    expect(store.getState().entries[0]!.id).toBe(11)
    expect(olderLines(store.getState())).toBe('more')

    await store.getState().olderLinesWanted()
    const ids = store.getState().entries.map((e) => e.id)
    expect(ids).toEqual(db.lines.map((e) => e.id))
    expect(olderLines(store.getState())).toBe('start')

    // The beginning is held: scrolling back again asks nothing.
    await store.getState().olderLinesWanted()
    expect(listCalls(db.calls)).toEqual([
      { limit: logPageLines },
      { before: logPageLines + 11, limit: logPageLines },
      { before: 11, limit: logPageLines }
    ])
  })

  it('knows a short first answer is the whole log', async () => {
    const { store, calls } = withLogDatabase(lines(1, 30))
    await store.getState().opened()
    expect(olderLines(store.getState())).toBe('start')
    await store.getState().olderLinesWanted()
    expect(listCalls(calls)).toHaveLength(1)
  })

  it('asks with the filter shown and keeps each line once', async () => {
    const all = lines(1, 5 * logPageLines).map((e) =>
      e.id % 2 ? e : { ...e, level: 'error' as const }
    )
    const db = withLogDatabase(all)
    const { store } = db
    await store.getState().levelFilterChanged('warn')
    await store.getState().olderLinesWanted()
    const held = store.getState().entries
    expect(held).toHaveLength(2 * logPageLines)
    expect(held.every((e) => e.level === 'error')).toBe(true)
    expect(new Set(held.map((e) => e.id)).size).toBe(held.length)
    expect(listCalls(db.calls).at(-1)).toEqual({
      level: 'warn',
      before: held[logPageLines]!.id,
      limit: logPageLines
    })
  })

  it('keeps each line once when a page overlaps the lines held', async () => {
    // A server answering a page that reaches into the lines held must not show them twice.
    const store = createLogsStore(
      withLogsList(createFakeApi().api, async (request) =>
        (request as LogListRequest).before === undefined ? lines(11, logPageLines) : lines(1, 12)
      )
    )
    await store.getState().opened()
    await store.getState().olderLinesWanted()
    const ids = store.getState().entries.map((e) => e.id)
    expect(ids.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toHaveLength(logPageLines + 10)
  })

  it('stops at 100 000 lines held, asking only for the room left', async () => {
    const total = maxLogLines + 2 * logPageLines
    const { store, calls } = withLogDatabase(lines(1, total))
    await store.getState().opened()
    // Live lines leave room for less than a page.
    store.getState().entriesReceived(lines(total + 1, 3))
    while (olderLines(store.getState()) === 'more') await store.getState().olderLinesWanted()
    expect(store.getState().entries).toHaveLength(maxLogLines)
    expect(olderLines(store.getState())).toBe('cap')
    expect(listCalls(calls).at(-1)).toMatchObject({ limit: logPageLines - 3 })
    expect(store.getState().entries.at(-1)!.id).toBe(total + 3)

    // A live line then pushes the oldest out; nothing older is asked for.
    const asked = listCalls(calls).length
    store.getState().entriesReceived(lines(total + 4, 1))
    await store.getState().olderLinesWanted()
    expect(store.getState().entries).toHaveLength(maxLogLines)
    expect(listCalls(calls)).toHaveLength(asked)
  })

  it('lets live lines that filled the room meanwhile win over the oldest of the page', async () => {
    const total = maxLogLines
    const db = withLogDatabase(lines(1, total))
    const { store } = db
    await store.getState().opened()
    while (store.getState().entries.length < maxLogLines - logPageLines) {
      await store.getState().olderLinesWanted()
    }
    const release = db.hold()
    const loading = store.getState().olderLinesWanted()
    store.getState().entriesReceived(lines(total + 1, 10))
    release()
    await loading
    const held = store.getState().entries
    expect(held).toHaveLength(maxLogLines)
    expect(held.at(-1)!.id).toBe(total + 10)
    expect(held[0]!.id).toBe(11)
    expect(olderLines(store.getState())).toBe('cap')
  })

  it('forgets the older page asked for when the filter changes meanwhile', async () => {
    const all = lines(1, 3 * logPageLines, { level: 'warn' })
    const db = withLogDatabase(all)
    const { store } = db
    await store.getState().opened()
    const release = db.hold()
    const loading = store.getState().olderLinesWanted()
    const filtering = store.getState().brandFilterChanged('Shure')
    release()
    await Promise.all([loading, filtering])
    expect(store.getState().entries).toEqual([])
    expect(store.getState().loadingOlder).toBe(false)
    expect(olderLines(store.getState())).toBe('start')

    // Back to all brands: the newest page again, and scrolling back starts over from it.
    await store.getState().brandFilterChanged('')
    expect(store.getState().entries).toHaveLength(logPageLines)
    expect(store.getState().entries[0]!.id).toBe(2 * logPageLines + 1)
    expect(olderLines(store.getState())).toBe('more')
  })

  it('waits for a search being typed before asking for older lines', async () => {
    const { store, calls } = withLogDatabase(lines(1, 2 * logPageLines))
    await store.getState().opened()
    store.getState().searchChanged('line 1')
    await store.getState().olderLinesWanted()
    expect(listCalls(calls)).toHaveLength(1)
  })
})
