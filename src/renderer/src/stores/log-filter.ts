import type { ApiRequest } from '../../../shared/api-contract'
import { logLevelRank, type LogEntry, type LogLevel } from '../../../shared/log-entry'

/** What the log viewer shows. */
export interface LogFilter {
  /** This level and above; empty for all. */
  level: LogLevel | ''
  /** Exact brand name; empty for all. */
  brand: string
  /** Text the message contains, case-insensitive; empty for all. */
  q: string
}

/** The filter that shows every line. */
export const emptyLogFilter: LogFilter = { level: '', brand: '', q: '' }

/** The filter as `logs.list` takes it: an empty control asks for no condition. */
export type LogListFilter = Pick<ApiRequest<'logs', 'list'>, 'level' | 'brand' | 'q'>

/** Whether a line passes the viewer's filter (the same rules as the server's `logs.list`). */
export function matchesLogFilter(entry: LogEntry, filter: LogFilter): boolean {
  if (filter.level && logLevelRank(entry.level) < logLevelRank(filter.level)) return false
  if (filter.brand && (entry.brand ?? '').toLowerCase() !== filter.brand.toLowerCase()) return false
  if (filter.q && !entry.message.toLowerCase().includes(filter.q.trim().toLowerCase())) return false
  return true
}

/** Whether the filter hides any line. */
export function isLogFilterSet(filter: LogFilter): boolean {
  return Boolean(filter.level || filter.brand || filter.q)
}

/** The filter as a `logs.list` request asks for it. */
export function toLogListFilter(filter: LogFilter): LogListFilter {
  return {
    level: filter.level || undefined,
    brand: filter.brand || undefined,
    q: filter.q.trim() || undefined
  }
}
