import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/api-contract'
import { logLevelRank, type LogEntry, type LogLevel } from '../../../shared/log-entry'
import { errorMessage } from '../api/to-api-error'

/** Lines kept in memory; older ones are dropped from the view (they stay in the database). */
export const maxLogLines = 100_000

/** Lines fetched when the viewer opens or a filter changes. */
const initialLines = 5_000

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
  error: string | null
  /** Where the coordinator writes its log file, once asked. */
  logFilePath: string | null
}

export interface LogsActions {
  opened(): Promise<void>
  entriesReceived(entries: LogEntry[]): void
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
    async function reload(): Promise<void> {
      const current = ++generation
      const { filter } = get()
      set({ loading: true })
      try {
        const entries = await api.logs.list({
          level: filter.level || undefined,
          brand: filter.brand || undefined,
          q: filter.q.trim() || undefined,
          limit: initialLines
        })
        if (current !== generation) return
        // Lines pushed while the request was in flight are kept if the answer missed them.
        const lastId = entries.at(-1)?.id ?? 0
        const newer = get().entries.filter((e) => e.id > lastId && matchesLogFilter(e, filter))
        set({ entries: [...entries, ...newer], loading: false, loaded: true, error: null })
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
        set({ entries: next.length > maxLogLines ? next.slice(next.length - maxLogLines) : next })
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
        set({ entries: [] })
      }
    }
  })
  return store
}
