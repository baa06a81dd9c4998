import type { LogEntry, NewLogEntry } from '../shared/log-entry'
import type { RunRecord } from '../shared/run'
import type { RemoteEntry, RemoteProgress } from '../shared/worker-protocol'
import type { WorkerProgress } from '../shared/worker-status'
import type { CatalogStore } from './catalog-store'

/** An entry of the results stream, validated, with its stream id. */
export interface IngestEntry {
  id: string
  entry: RemoteEntry
}

/** What one committed batch changed, for the coordinator to tell its subscribers. */
export interface IngestOutcome {
  /** Entries at or before the last one committed earlier: read again, skipped. */
  skipped: number
  products: number
  logs: LogEntry[]
  progress: WorkerProgress[]
  /** Runs started, interrupted (taken over) and ended by this batch. */
  started: RunRecord[]
  interrupted: RunRecord[]
  finished: RunRecord[]
  /** Entries that could not be applied (an unknown run or brand), in words. */
  dropped: string[]
}

/**
 * The catalog's side of the queue: applies a batch of stream entries in one transaction, with
 * the id of the last one, so a batch read again after a crash is skipped as a whole, and a
 * product is never stored twice. Each entry is applied under a savepoint: one that cannot be
 * applied (it names a run or brand the catalog does not have) is dropped alone.
 */
export class QueueIngest {
  /** Attempts' runs, looked up once: a batch is mostly products of a few runs. */
  private readonly attempts = new Map<string, { id: number; brandId: number }>()
  /** Product counts of the batch, per run: written once per batch, not once per product. */
  private readonly counts = new Map<
    number,
    { found: number; new: number; updated: number; unchanged: number }
  >()
  private readonly countStatement

  constructor(
    private readonly store: CatalogStore,
    private readonly stream: string
  ) {
    this.countStatement = store.db.prepare(
      `UPDATE runs SET products_found = products_found + ?, products_new = products_new + ?,
         products_updated = products_updated + ?, products_unchanged = products_unchanged + ?
       WHERE id = ?`
    )
  }

  /** The id of the last entry committed, or null before the first. */
  lastEntryId(): string | null {
    const row = this.store.db
      .prepare('SELECT last_entry_id FROM queue_cursor WHERE stream = ?')
      .get(this.stream) as { last_entry_id: string } | undefined
    return row?.last_entry_id ?? null
  }

  /**
   * Commits the entries after the last one committed. `isAfter(a, b)` orders stream ids.
   * Entries must come in stream order.
   */
  commit(entries: IngestEntry[], isAfter: (a: string, b: string) => boolean): IngestOutcome {
    const { db } = this.store
    const outcome: IngestOutcome = {
      skipped: 0,
      products: 0,
      logs: [],
      progress: [],
      started: [],
      interrupted: [],
      finished: [],
      dropped: []
    }
    const applyOne = db.transaction((entry: RemoteEntry) => this.apply(entry, outcome))
    try {
      this.commitAll(entries, isAfter, applyOne, outcome)
    } catch (error) {
      // Rolled back: what was cached of the batch may not be in the catalog.
      this.attempts.clear()
      this.counts.clear()
      throw error
    }
    return outcome
  }

  private commitAll(
    entries: IngestEntry[],
    isAfter: (a: string, b: string) => boolean,
    applyOne: (entry: RemoteEntry) => void,
    outcome: IngestOutcome
  ): void {
    const { db } = this.store
    db.transaction(() => {
      let last = this.lastEntryId()
      for (const { id, entry } of entries) {
        if (last !== null && !isAfter(id, last)) {
          outcome.skipped++
          continue
        }
        try {
          // A product is one statement after lookups that write nothing: it needs no savepoint.
          if (entry.type === 'product') this.saveProduct(entry, outcome)
          else applyOne(entry)
        } catch (error) {
          outcome.dropped.push(`${entry.type} entry ${id}: ${(error as Error).message}`)
        }
        last = id
      }
      this.writeCounts()
      if (last !== null) {
        db.prepare(
          `INSERT INTO queue_cursor (stream, last_entry_id) VALUES (?, ?)
           ON CONFLICT (stream) DO UPDATE SET last_entry_id = excluded.last_entry_id`
        ).run(this.stream, last)
      }
    }).immediate()
  }

  private apply(entry: RemoteEntry, outcome: IngestOutcome): void {
    const { store } = this
    switch (entry.type) {
      case 'heartbeat':
        store.workers.recordRemote({
          id: entry.workerId,
          pid: entry.pid,
          host: entry.host,
          leaseMs: entry.leaseMs,
          startedAt: entry.startedAt,
          state: entry.state,
          currentBrandId: this.knownBrand(entry.current[0]?.brandId ?? null)
        })
        return
      case 'run-started':
        return this.runStarted(entry, outcome)
      case 'product':
        return this.saveProduct(entry, outcome)
      case 'progress': {
        const run = this.saveProgress(entry.attemptId, entry.progress)
        const progress = toWorkerProgress(run, entry.progress)
        if (run.workerId) store.workers.report(run.workerId, { progress })
        outcome.progress.push(progress)
        return
      }
      case 'fetch-strategy':
        store.brands.rememberFetchStrategy(entry.brandId, entry.strategy)
        return
      case 'logs':
        for (const line of entry.entries) {
          const runId = line.attemptId ? (this.attemptRun(line.attemptId) ?? null) : null
          const log: NewLogEntry = {
            time: line.time,
            level: line.level,
            source: 'worker',
            brand: line.brand,
            runId,
            message: `[${entry.host}] ${line.message}`
          }
          outcome.logs.push(store.logs.add(log))
        }
        return
      case 'run-finished':
        return this.runFinished(entry, outcome)
      case 'worker-gone':
        outcome.interrupted.push(...store.workers.expire(entry.workerId, 'Its worker stopped.'))
    }
  }

  private saveProduct(
    entry: Extract<RemoteEntry, { type: 'product' }>,
    outcome: IngestOutcome
  ): void {
    const run = this.attemptOf(entry.attemptId)
    // A crawl saves a URL once; the same URL again in its run is an entry delivered twice
    // (resent by a client that lost its connection before Redis answered).
    const saved = this.store.products.saveOnce(run.brandId, run.id, entry.url, entry.product)
    if (saved === null) return
    let counts = this.counts.get(run.id)
    if (!counts) this.counts.set(run.id, (counts = { found: 0, new: 0, updated: 0, unchanged: 0 }))
    counts.found++
    counts[saved]++
    outcome.products++
  }

  private runStarted(
    entry: Extract<RemoteEntry, { type: 'run-started' }>,
    outcome: IngestOutcome
  ): void {
    const { store } = this
    if (this.attemptRun(entry.attemptId) !== undefined) return
    const brand = store.brands.get(entry.brandId)
    if (!brand) throw new Error(`brand ${entry.brandId} is not in the catalog`)
    store.workers.recordRemote({
      id: entry.workerId,
      pid: entry.pid,
      host: entry.host,
      leaseMs: entry.leaseMs,
      startedAt: entry.startedAt,
      state: 'running',
      currentBrandId: brand.id
    })
    // One job per brand: a run of it still running is that of a worker that lost the job.
    const stale = store.db
      .prepare(`SELECT id FROM runs WHERE brand_id = ? AND status = 'running'`)
      .all(brand.id) as Array<{ id: number }>
    for (const { id } of stale) {
      outcome.interrupted.push(
        store.runs.finish(
          id,
          'interrupted',
          `Its worker stopped answering; the job was taken over by worker ${entry.workerId} on ${entry.host}.`
        )
      )
    }
    const run = store.runs.start(brand.id, 'continuous', entry.workerId)
    store.db
      .prepare('INSERT INTO remote_attempts (attempt_id, run_id) VALUES (?, ?)')
      .run(entry.attemptId, run.id)
    outcome.started.push(run)
  }

  private runFinished(
    entry: Extract<RemoteEntry, { type: 'run-finished' }>,
    outcome: IngestOutcome
  ): void {
    const { store } = this
    const run = this.saveProgress(entry.attemptId, entry.progress)
    if (run.status !== 'running') return
    if (entry.status === 'succeeded' && entry.complete) {
      const missing = store.products.markMissing(run.brandId, run.startedAt)
      store.db.prepare('UPDATE runs SET products_missing = ? WHERE id = ?').run(missing, run.id)
    }
    outcome.finished.push(store.runs.finish(run.id, entry.status, entry.message))
    if (run.workerId) store.workers.report(run.workerId, { currentBrandId: null, progress: null })
  }

  /** Writes the batch's product counts (before a run's end reads them). */
  private writeCounts(): void {
    for (const [runId, counts] of this.counts) {
      this.countStatement.run(counts.found, counts.new, counts.updated, counts.unchanged, runId)
    }
    this.counts.clear()
  }

  private saveProgress(attemptId: string, progress: RemoteProgress): RunRecord {
    this.writeCounts()
    const run = this.runOf(attemptId)
    this.store.db
      .prepare(
        `UPDATE runs SET pages_visited = max(pages_visited, ?), error_count = max(error_count, ?),
           dead_links = max(dead_links, ?) WHERE id = ?`
      )
      .run(progress.pagesVisited, progress.errorCount, progress.deadLinks, run.id)
    return this.store.runs.get(run.id)!
  }

  private attemptRun(attemptId: string): number | undefined {
    const row = this.store.db
      .prepare('SELECT run_id FROM remote_attempts WHERE attempt_id = ?')
      .get(attemptId) as { run_id: number } | undefined
    return row?.run_id
  }

  private attemptOf(attemptId: string): { id: number; brandId: number } {
    let run = this.attempts.get(attemptId)
    if (!run) {
      const record = this.runOf(attemptId)
      run = { id: record.id, brandId: record.brandId }
      if (this.attempts.size > 1000) this.attempts.clear()
      this.attempts.set(attemptId, run)
    }
    return run
  }

  private runOf(attemptId: string): RunRecord {
    const runId = this.attemptRun(attemptId)
    const run = runId === undefined ? undefined : this.store.runs.get(runId)
    if (!run) throw new Error(`no run started for attempt ${attemptId}`)
    return run
  }

  private knownBrand(id: number | null): number | null {
    return id !== null && this.store.brands.get(id) ? id : null
  }
}

/** The progress the UI shows, from the run's counts and what the worker reported. */
function toWorkerProgress(run: RunRecord, progress: RemoteProgress): WorkerProgress {
  return {
    brand: run.brandName,
    runId: run.id,
    pagesDiscovered: progress.pagesDiscovered,
    pagesVisited: run.pagesVisited,
    productsFound: run.productsFound,
    productsNew: run.productsNew,
    productsUpdated: run.productsUpdated,
    errorCount: run.errorCount,
    currentUrl: progress.currentUrl,
    startedAt: run.startedAt
  }
}
