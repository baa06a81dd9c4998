import type { LogEntry } from '../../shared/log-entry'
import type { WorkerMessage } from '../../shared/worker-protocol'
import type { ParentChannel } from './parent-channel'

/** Options of {@link WorkerOutbox}. */
export interface WorkerOutboxOptions {
  /** Longest a log line waits before it is sent. Default: 100 ms. */
  maxDelayMs?: number
  /** Lines sent in one message at most. Default: 500. */
  maxBatch?: number
}

/**
 * Messages to the coordinator, with log lines batched: a fast crawl logs a line per page, and a
 * message per line would wake the coordinator hundreds of times a second. Any other message first
 * sends the lines logged before it, so the coordinator sees everything in the order it happened.
 */
export class WorkerOutbox {
  private pending: LogEntry[] = []
  private timer: NodeJS.Timeout | undefined
  private readonly maxDelayMs: number
  private readonly maxBatch: number

  constructor(
    private readonly channel: Pick<ParentChannel, 'send'>,
    options: WorkerOutboxOptions = {}
  ) {
    this.maxDelayMs = options.maxDelayMs ?? 100
    this.maxBatch = options.maxBatch ?? 500
  }

  log(entry: LogEntry): void {
    this.pending.push(entry)
    if (this.pending.length >= this.maxBatch) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs)
  }

  send(message: WorkerMessage): void {
    this.flush()
    this.channel.send(message)
  }

  /** Sends the waiting log lines now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length === 0) return
    const entries = this.pending
    this.pending = []
    this.channel.send({ type: 'logs', entries })
  }
}
