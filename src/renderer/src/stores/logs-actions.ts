import type { Api, ApiResponse } from '../../../shared/api-contract'
import type { LogEntry, LogLevel } from '../../../shared/log-entry'
import { errorMessage } from '../api/to-api-error'
import { debounce } from '../debounce'
import { matchesLogFilter, toLogListFilter, type LogFilter } from './log-filter'
import { logPageLines, maxLogLines, type LogsState } from './logs-state'

/** Debounce of the search box, in milliseconds. */
const searchDelayMs = 250

/** What the user and the coordinator do to the log viewer. */
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

type SetLogs = (partial: Partial<LogsState>) => void
type GetLogs = () => LogsState

/** The log viewer's actions; only these call the API. */
export function createLogsActions(api: Api, set: SetLogs, get: GetLogs): LogsActions {
  // Answers to an older filter, or to a view cleared since, are dropped: only the latest writes.
  let generation = 0
  const search = debounce(() => void reload(), searchDelayMs)

  async function reload(): Promise<void> {
    const current = ++generation
    const { filter } = get()
    set({ loading: true, loadingOlder: false })
    try {
      const page = await api.logs.list({ ...toLogListFilter(filter), limit: logPageLines })
      if (current === generation) set(newestPageLoaded(get().entries, page, filter))
    } catch (error) {
      if (current === generation) set({ loading: false, loaded: true, error: errorMessage(error) })
    }
  }

  async function filterChanged(change: Partial<LogFilter>): Promise<void> {
    set({ filter: { ...get().filter, ...change } })
    await reload()
  }

  return {
    async opened() {
      await reload()
    },

    entriesReceived(received) {
      const next = liveLinesAdded(get(), received)
      if (next) set(next)
    },

    async olderLinesWanted() {
      const { entries, filter, loaded, loading, loadingOlder, reachedStart } = get()
      const oldest = entries[0]
      const room = maxLogLines - entries.length
      // While a search is typed the lines held are of the previous filter: wait for its reload.
      if (!loaded || loading || loadingOlder || reachedStart || search.pending) return
      if (!oldest || room <= 0) return
      const current = generation
      const limit = Math.min(logPageLines, room)
      // Reading old lines: a live line must not pull the view back to the end.
      set({ loadingOlder: true, following: false })
      try {
        const page = await api.logs.list({ ...toLogListFilter(filter), before: oldest.id, limit })
        if (current === generation) set(olderPageLoaded(get().entries, oldest.id, page, limit))
      } catch (error) {
        if (current === generation) set({ loadingOlder: false, error: errorMessage(error) })
      }
    },

    levelFilterChanged: (level) => filterChanged({ level }),

    brandFilterChanged: (brand) => filterChanged({ brand }),

    searchChanged(q) {
      set({ filter: { ...get().filter, q } })
      search.schedule()
    },

    followToggled() {
      set({ following: !get().following })
    },

    scrolledAwayFromEnd() {
      if (get().following) set({ following: false })
    },

    async logFileRequested() {
      try {
        set({ logFilePath: logFileNotice(await api.logs.openFile()) })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },

    cleared() {
      generation++
      set({ entries: [], loadingOlder: false, reachedStart: false })
    }
  }
}

/**
 * The newest page of `filter` arrived; lines pushed while it was asked for are kept if it missed
 * them.
 */
function newestPageLoaded(
  held: LogEntry[],
  page: LogEntry[],
  filter: LogFilter
): Partial<LogsState> {
  const lastId = page.at(-1)?.id ?? 0
  const newer = held.filter((e) => e.id > lastId && matchesLogFilter(e, filter))
  return {
    entries: [...page, ...newer],
    reachedStart: page.length < logPageLines,
    loading: false,
    loaded: true,
    error: null
  }
}

/** Live lines arrived: the new ones that pass the filter join the end; null when none does. */
function liveLinesAdded(state: LogsState, received: LogEntry[]): Partial<LogsState> | null {
  const { entries, filter } = state
  const lastId = entries.at(-1)?.id ?? 0
  const fresh = received.filter((e) => e.id > lastId && matchesLogFilter(e, filter))
  if (fresh.length === 0) return null
  const next = entries.concat(fresh)
  if (next.length <= maxLogLines) return { entries: next }
  // The oldest lines make room, so the start of the log is no longer held.
  return { entries: next.slice(next.length - maxLogLines), reachedStart: false }
}

/** The page of `limit` lines before `oldestId` arrived, while `held` are the lines held now. */
function olderPageLoaded(
  held: LogEntry[],
  oldestId: number,
  page: LogEntry[],
  limit: number
): Partial<LogsState> {
  // Live lines pushed the oldest out meanwhile: this page no longer joins the lines held.
  if (held[0]?.id !== oldestId) return { loadingOlder: false }
  const older = page.filter((e) => e.id < oldestId)
  // Live lines may have filled the room meanwhile; the newest of the page are kept.
  const fits = older.slice(Math.max(0, older.length - (maxLogLines - held.length)))
  return {
    entries: fits.length ? [...fits, ...held] : held,
    reachedStart: page.length < limit && fits.length === older.length,
    loadingOlder: false
  }
}

/** What the viewer says of the log file the coordinator was asked to open. */
function logFileNotice({ opened, path }: ApiResponse<'logs', 'openFile'>): string {
  if (!path) return 'No log file: this coordinator writes its log to the database only.'
  return opened ? `${path} (opened in your default app)` : path
}
