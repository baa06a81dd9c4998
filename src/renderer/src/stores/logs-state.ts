import type { LogEntry } from '../../../shared/log-entry'
import { emptyLogFilter, type LogFilter } from './log-filter'

/** Lines kept in memory; older ones are dropped from the view (they stay in the database). */
export const maxLogLines = 100_000

/**
 * Lines fetched per request: the newest when the viewer opens or a filter changes, then each older
 * page as the user scrolls back.
 */
export const logPageLines = 5_000

/** The log viewer: the lines held, oldest first, and how they are shown. */
export interface LogsState {
  entries: LogEntry[]
  filter: LogFilter
  /** Keep the view scrolled to the newest line. Default: true. */
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

/** The viewer before it opened: no line, no filter, following. */
export const initialLogsState: LogsState = {
  entries: [],
  filter: emptyLogFilter,
  following: true,
  loading: false,
  loaded: false,
  loadingOlder: false,
  reachedStart: false,
  error: null,
  logFilePath: null
}
