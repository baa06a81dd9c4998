import { compareStreamIds, type ResultStreamReader } from '../../queue/result-stream'
import { resultStreamKey } from '../../queue/queue-keys'
import { describeRedisError } from '../../queue/redis-connection'
import { sleep } from '../../shared/sleep'
import { remoteEntrySchema } from '../../shared/worker-protocol'
import { describeZodError } from '../../shared/zod-error'
import type { CatalogStore } from '../../store/catalog-store'
import { QueueIngest, type IngestEntry, type IngestOutcome } from '../../store/queue-ingest'

/** How the ingest loop reports to the coordinator. */
export interface QueueIngestHooks {
  committed(outcome: IngestOutcome): void
  /** A malformed or foreign entry, dropped; or a problem reading the stream. */
  warn(message: string): void
}

/** Options of {@link QueueIngestLoop}. */
export interface QueueIngestLoopOptions {
  /** Entries committed in one transaction at most. Default: 1000. */
  batch?: number
  /** How long one read waits for new entries. Default: 1000 ms. */
  blockMs?: number
}

/**
 * The one catalog writer for remote workers: reads the results stream, validates every entry
 * with the shared zod schema (a malformed or foreign one is logged and dropped, never written in
 * part), commits a batch in one SQLite transaction, and only then acknowledges it in Redis. What
 * was read and not acknowledged before a crash is read again first, and skipped when committed.
 */
export class QueueIngestLoop {
  private readonly ingest: QueueIngest
  private running = true
  private readonly done: Promise<void>
  /** Products committed since the loop started. */
  products = 0
  /**
   * Whether the loop has committed everything in the stream (the unacknowledged backlog, then
   * new entries up to a read that was not full) since it started or last lost Redis.
   */
  caughtUp = false

  constructor(
    store: CatalogStore,
    private readonly reader: ResultStreamReader,
    private readonly hooks: QueueIngestHooks,
    private readonly options: QueueIngestLoopOptions = {}
  ) {
    this.ingest = new QueueIngest(store, resultStreamKey)
    this.done = this.loop()
  }

  /** Ends the loop after the batch in hand is committed. */
  async close(): Promise<void> {
    this.running = false
    await this.done
  }

  private async loop(): Promise<void> {
    let failing = false
    while (this.running) {
      try {
        await this.reader.ensureGroup()
        while (this.running) await this.step()
      } catch (error) {
        if (!this.running) break
        if (!failing)
          this.hooks.warn(
            `Reading the results stream: ${describeRedisError(error as Error)}; retrying.`
          )
        failing = true
        this.caughtUp = false
        this.reader.rewind()
        await sleep(500)
        continue
      }
    }
  }

  /** Reads, commits and acknowledges one batch. */
  private async step(): Promise<void> {
    const batch = this.options.batch ?? 1000
    const fresh = !this.reader.readingBacklog
    const raw = await this.reader.read(batch, this.options.blockMs ?? 1000)
    const drained = fresh && raw.length < batch
    if (raw.length === 0) {
      this.caughtUp ||= drained
      return
    }
    const valid: IngestEntry[] = []
    for (const { id, json } of raw) {
      const entry = parseEntry(json)
      if ('error' in entry) this.hooks.warn(`Dropped stream entry ${id}: ${entry.error}`)
      else valid.push({ id, entry: entry.value })
    }
    // Dropped entries are acknowledged with the rest: read again, they would be dropped again.
    const outcome = this.ingest.commit(valid, (a, b) => compareStreamIds(a, b) > 0)
    for (const why of outcome.dropped) this.hooks.warn(`Dropped ${why}`)
    this.products += outcome.products
    await this.reader.ack(raw.map((entry) => entry.id))
    this.caughtUp ||= drained
    this.hooks.committed(outcome)
  }
}

/** An entry's JSON, validated; what is wrong with it otherwise, in words (never its content). */
function parseEntry(json: string | null): { value: IngestEntry['entry'] } | { error: string } {
  if (json === null) return { error: 'not an entry of a Brand Scraper worker' }
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    return { error: 'not JSON' }
  }
  const parsed = remoteEntrySchema.safeParse(data)
  return parsed.success ? { value: parsed.data } : { error: describeZodError(parsed.error) }
}
