import type { LogLevel } from '../../shared/log-entry'
import type { RemoteEntry } from '../../shared/worker-protocol'
import { stripControl } from '../../shared/strip-control'

type LogLine = Extract<RemoteEntry, { type: 'logs' }>['entries'][number]

/** Options of {@link RemoteLog}. */
export interface RemoteLogOptions {
  workerId: string
  host: string
  /** Adds an entry to the results stream. */
  send(entry: RemoteEntry): void
  /** Prints a line on this machine (the terminal that runs the worker). */
  print(line: string): void
  /** Least level printed and sent. Default: `info` (debug lines stay on this machine). */
  level?: LogLevel
  /** How often batched lines are sent. Default: 500 ms. */
  flushMs?: number
}

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/**
 * A remote worker's log: printed here, and sent to the coordinator in batches (a crawl writes a
 * line per page; one stream entry per line would be wasteful), which stores it with this host.
 */
export class RemoteLog {
  private batch: LogLine[] = []
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: RemoteLogOptions) {
    this.timer = setInterval(() => this.flush(), options.flushMs ?? 500)
    this.timer.unref()
  }

  write(
    level: LogLevel,
    message: string,
    about: { brand: string | null; attemptId: string | null } = { brand: null, attemptId: null }
  ): void {
    const time = new Date().toISOString()
    const brand = about.brand ? ` [${stripControl(about.brand)}]` : ''
    const shown = `${time.slice(11, 19)} ${level.toUpperCase().padEnd(5)}${brand} ${stripControl(message)}`
    if (level !== 'debug') this.options.print(shown)
    if (rank[level] < rank[this.options.level ?? 'info']) return
    this.batch.push({ time, level, brand: about.brand, attemptId: about.attemptId, message })
    if (this.batch.length >= 200) this.flush()
  }

  flush(): void {
    if (this.batch.length === 0) return
    const { workerId, host } = this.options
    this.options.send({ type: 'logs', workerId, host, entries: this.batch })
    this.batch = []
  }

  close(): void {
    clearInterval(this.timer)
    this.flush()
  }
}
