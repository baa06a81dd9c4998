import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api, ApiRequest } from '../../../shared/api-contract'
import { logLevelRank, type LogEntry, type LogLevel } from '../../../shared/log-entry'
import { errorMessage } from '../api/to-api-error'

/** Lines kept in memory; older ones are dropped from the view (they stay in the database). */
export const maxLogLines = 100_000

/**
 * Lines fetched per request: the newest when the viewer opens or a filter changes, then each older
 * page as the user scrolls back.
 */
export const logPageLines = 5_000

const searchDelayMs = 250

/** What the log viewer shows. */
export interface LogFilter {
  /** This level and above; empty for all. */
  level: LogLevel | ''
  /** Exact brand name; empty for all. */
  brand: string
  /** Text the message contains, case-insensitive; empty for all. */
  q: string
}

export interface LogsState {
  entries: LogEntry[]
  filter: LogFilter
  /** Keep the view scrolled to the newest line. */
  following: boolean
  loading: boolean
  loaded: boolean
  /** A page of older lines is being fetched. */
  loadingOlder: boolean
  /** The oldest line held is the oldest in the database that passes the filter. */
  reachedStart: boolean
  error: string | null
  /** Where the coordinator writes its log file, once asked. */
  logFilePath: string | null
}

export interface LogsActions {
  opened(): Promise<void>
  entriesReceived(entries: LogEntry[]): void
  /**
   * The user scrolled back to the oldest line held: following pauses, and the page before it is
   * fetched, unless the database has no older line or {@link maxLogLines} are held already.
   */
  olderLinesWanted(): Promise<void>
  levelFilterChanged(level: LogLevel | ''): Promise<void>
  brandFilterChanged(brand: string): Promise<void>
  searchChanged(q: string): void
  followToggled(): void
  /** The user scrolled up to read: following pauses until they ask for it again. */
  scrolledAwayFromEnd(): void
  logFileRequested(): Promise<void>
  cleared(): void
}

export type LogsStore = StoreApi<LogsState & LogsActions>

type LogListFilter = Pick<ApiRequest<'logs', 'list'>, 'level' | 'brand' | 'q'>

/** What lies before the oldest line held, as the top of the viewer says it. */
export type OlderLines = 'loading' | 'start' | 'cap' | 'more'

/** Whether older lines are being fetched, do not exist, are out of reach (the cap), or can be. */
export function olderLines(state: LogsState): OlderLines {
  if (state.loadingOlder) return 'loading'
  if (state.reachedStart) return 'start'
  if (state.entries.length >= maxLogLines) return 'cap'
  return 'more'
}

/** Whether a line passes the viewer's filter (the same rules as the server's `logs.list`). */
export function matchesLogFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.level && logLevelRank(entry.level) < logLevelRank(filter.level)) return false
  if (filter.brand && (entry.brand ?? '').toLowerCase() !== filter.brand.toLowerCase()) return false
  if (filter.q && !entry.message.toLowerCase().includes(filter.q.trim().toLowerCase())) return false
  return true
}

/** The log viewer's store: the newest lines from the database, then the live tail. */
export function createLogsStore(api: Api): LogsStore {
  let generation = 0
  let searchTimer: ReturnType<typeof setTimeout> | null = null

  const store: LogsStore = createStore<LogsState & LogsActions>()((set, get) => {
    function query(filter: LogFilter): LogListFilter {
      return {
        level: filter.level || undefined,
        brand: filter.brand || undefined,
        q: filter.q.trim() || undefined
      }
    }

    async function reload(): Promise<void> {
      const current = ++generation
      const { filter } = get()
      set({ loading: true, loadingOlder: false })
      try {
        const entries = await api.logs.list({ ...query(filter), limit: logPageLines })
        if (current !== generation) return
        // Lines pushed while the request was in flight are kept if the answer missed them.
        const lastId = entries.at(-1)?.id ?? 0
        const newer = get().entries.filter((e) => e.id > lastId && matchesLogFilter(e, filter))
        set({
          entries: [...entries, ...newer],
          reachedStart: entries.length < logPageLines,
          loading: false,
          loaded: true,
          error: null
        })
      } catch (error) {
        if (current !== generation) return
        set({ loading: false, loaded: true, error: errorMessage(error) })
      }
    }

    return {
      entries: [],
      filter: { level: '', brand: '', q: '' },
      following: true,
      loading: false,
      loaded: false,
      loadingOlder: false,
      reachedStart: false,
      error: null,
      logFilePath: null,

      async opened() {
        await reload()
      },

      entriesReceived(received) {
        const { entries, filter } = get()
        const lastId = entries.at(-1)?.id ?? 0
        const fresh = received.filter((e) => e.id > lastId && matchesLogFilter(e, filter))
        if (fresh.length === 0) return
        const next = entries.concat(fresh)
        if (next.length <= maxLogLines) set({ entries: next })
        // The oldest lines make room, so the start of the log is no longer held.
        else set({ entries: next.slice(next.length - maxLogLines), reachedStart: false })
      },

      async olderLinesWanted() {
        const { entries, filter, loaded, loading, loadingOlder, reachedStart } = get()
        const oldest = entries[0]
        const room = maxLogLines - entries.length
        // While a search is typed the lines held are of the previous filter: wait for its reload.
        if (!loaded || loading || loadingOlder || reachedStart || searchTimer) return
        if (!oldest || room <= 0) return
        const current = generation
        const limit = Math.min(logPageLines, room)
        // Reading old lines: a live line must not pull the view back to the end.
        set({ loadingOlder: true, following: false })
        try {
          const page = await api.logs.list({ ...query(filter), before: oldest.id, limit })
          if (current !== generation) return
          const held = get().entries
          if (held[0]?.id !== oldest.id) {
            // Live lines pushed the oldest out meanwhile: this page no longer joins the lines held.
            set({ loadingOlder: false })
            return
          }
          const older = page.filter((e) => e.id < oldest.id)
          // Live lines may have filled the room meanwhile; the newest of the page are kept.
          const fits = older.slice(Math.max(0, older.length - (maxLogLines - held.length)))
          set({
            entries: fits.length ? [...fits, ...held] : held,
            reachedStart: page.length < limit && fits.length === older.length,
            loadingOlder: false
          })
        } catch (error) {
          if (current !== generation) return
          set({ loadingOlder: false, error: errorMessage(error) })
        }
      },

      async levelFilterChanged(level) {
        set({ filter: { ...get().filter, level } })
        await reload()
      },

      async brandFilterChanged(brand) {
        set({ filter: { ...get().filter, brand } })
        await reload()
      },

      searchChanged(q) {
        set({ filter: { ...get().filter, q } })
        if (searchTimer) clearTimeout(searchTimer)
        searchTimer = setTimeout(() => {
          searchTimer = null
          void reload()
        }, searchDelayMs)
      },

      followToggled() {
        set({ following: !get().following })
      },

      scrolledAwayFromEnd() {
        if (get().following) set({ following: false })
      },

      async logFileRequested() {
        try {
          const { opened, path } = await api.logs.openFile()
          set({
            logFilePath: !path
              ? 'No log file: this coordinator writes its log to the database only.'
              : opened
                ? `${path} (opened in your default app)`
                : path
          })
        } catch (error) {
          set({ error: errorMessage(error) })
        }
      },

      cleared() {
        generation++
        set({ entries: [], loadingOlder: false, reachedStart: false })
      }
    }
  })
  return store
}
