import type { LogEntry, LogLevel } from '../shared/log-entry'
import type { LogRepository } from '../main/store/log-repository'

/** Where a worker log line is about: the brand and run it belongs to, if any. */
export interface LogScope {
  brand: string | null
  runId: number | null
}

/**
 * The worker's log: each line is stored first (so the catalog keeps it whatever happens to the
 * coordinator), then handed to `publish` for the live view.
 */
export class WorkerLogger {
  constructor(
    private readonly logs: LogRepository,
    private readonly publish: (entry: LogEntry) => void
  ) {}

  write(level: LogLevel, message: string, scope: LogScope = { brand: null, runId: null }): void {
    const entry = this.logs.add({
      time: new Date().toISOString(),
      level,
      source: 'worker',
      brand: scope.brand,
      runId: scope.runId,
      message
    })
    this.publish(entry)
  }

  /** A logger bound to one brand's run. */
  scoped(scope: LogScope): (level: LogLevel, message: string) => void {
    return (level, message) => this.write(level, message, scope)
  }
}
