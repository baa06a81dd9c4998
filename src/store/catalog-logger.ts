import type { LogEntry, LogLevel, LogSource } from '../shared/log-entry'
import { stripControl } from '../shared/strip-control'
import type { LogRepository } from './log-repository'

/** Where a log line is about: the brand and run it belongs to, if any. */
export interface LogScope {
  brand: string | null
  runId: number | null
}

/**
 * The catalog's log, as the worker and the coordinator write it: each line is stored first (so the
 * catalog keeps it whatever happens to the other process), then handed to `publish` for the live
 * view (the worker's outbox, the coordinator's log file and subscribers).
 *
 * Messages quote scraped URLs, names and servers' errors, and the log is read with `cat` and
 * `tail -f`: control characters and terminal escape sequences are removed from the message (line
 * breaks kept) and the brand before the line is stored, so neither the catalog, the log file, the
 * terminal nor the UI ever receives them.
 */
export class CatalogLogger {
  constructor(
    private readonly logs: LogRepository,
    private readonly source: LogSource,
    private readonly publish: (entry: LogEntry) => void
  ) {}

  write(level: LogLevel, message: string, scope: LogScope = { brand: null, runId: null }): void {
    const entry = this.logs.add({
      time: new Date().toISOString(),
      level,
      source: this.source,
      brand: scope.brand == null ? null : stripControl(scope.brand),
      runId: scope.runId,
      message: stripControl(message, { keepNewlines: true })
    })
    this.publish(entry)
  }

  /** A logger bound to one brand's run. */
  scoped(scope: LogScope): (level: LogLevel, message: string) => void {
    return (level, message) => this.write(level, message, scope)
  }
}
