import type { Redis } from 'ioredis'
import { controlKey, type WorkerControl } from '../../queue/queue-keys'
import { openRedis } from '../../queue/redis-connection'
import type { RedisTarget } from '../../queue/redis-target'
import { ResultStreamReader } from '../../queue/result-stream'
import { ScrapeQueue } from '../../queue/scrape-queue'
import { ApiError } from '../../shared/api-error'
import type { Brand, CrawlOverrides } from '../../shared/brand'
import type { StartMode } from '../../shared/worker-mode'
import type { CatalogStore } from '../../store/catalog-store'
import type { IngestOutcome } from '../../store/queue-ingest'
import { QueueDispatch } from './queue-dispatch'
import { QueueIngestLoop } from './queue-ingest-loop'
import { QueueStatus } from './queue-status'
import type { WorkerStatusState } from './worker-status-state'

/** How a {@link QueueMode} reports to the coordinator, and what it sends with every job. */
export interface QueueModeHooks {
  overrides?: CrawlOverrides
  /** The coordinator's worker status, which shows the queue's launch. */
  status: WorkerStatusState
  log(level: 'info' | 'warn' | 'error', message: string, brand?: string | null): void
  committed(outcome: IngestOutcome): void
}

/** Options of {@link QueueMode}. */
export interface QueueModeOptions extends QueueModeHooks {
  target: RedisTarget
}

/**
 * The coordinator with workers on other machines (`serve --queue URL`): Start and Scrape brand
 * put jobs on the BullMQ queue, and the results stream is committed to the catalog by this one
 * writer. Redis may come and go: the connections reconnect and the loop retries.
 */
export class QueueMode {
  private readonly commands: Redis
  private readonly reading: Redis
  private readonly queue: ScrapeQueue
  private readonly dispatch: QueueDispatch
  private readonly ingest: QueueIngestLoop
  private readonly status: QueueStatus

  constructor(
    private readonly store: CatalogStore,
    private readonly options: QueueModeOptions
  ) {
    const { target } = options
    const say = {
      onProblem: (message: string) => options.log('warn', message),
      onBack: () => options.log('info', `Redis at ${target.display} is back.`)
    }
    this.commands = openRedis(target, say)
    // Blocking reads get their own connection, so that queue commands never wait behind them.
    this.reading = openRedis(target)
    this.queue = new ScrapeQueue(this.commands)
    this.dispatch = new QueueDispatch(store, this.queue, {
      overrides: options.overrides,
      log: (level, message) => options.log(level, message)
    })
    this.status = new QueueStatus(options.status, store, () => this.jobsLeft())
    this.ingest = new QueueIngestLoop(store, new ResultStreamReader(this.reading), {
      committed: (outcome) => {
        this.status.committed(outcome)
        options.committed(outcome)
      },
      warn: (message) => options.log('warn', message)
    })
    options.log('info', `Scrape jobs go to the queue at ${target.display}.`)
  }

  /**
   * Whether every entry sent before the last read has been committed, heartbeats included: only
   * then do remote workers' last heartbeats say whether they are alive.
   */
  get caughtUp(): boolean {
    return this.ingest.caughtUp
  }

  /** Jobs on the queue, waiting or taken by a worker. */
  async jobsLeft(): Promise<number> {
    const { waiting, active } = await this.queue.counts()
    return waiting + active
  }

  /** Products committed from the stream since this coordinator started. */
  get productsCommitted(): number {
    return this.ingest.products
  }

  /**
   * Queues brands by mode, answering at once (no local worker: no pid); what Redis refuses is
   * logged.
   */
  start(mode: StartMode, delay?: number): number[] {
    this.status.started({ mode, delay })
    this.soon(async () => {
      const added = await this.dispatch.start(mode)
      this.options.log(
        'info',
        `Queued ${added} brand(s) on ${this.options.target.display}` +
          (mode === 'continuous' ? '; more as they fall due.' : '.')
      )
    })
    return []
  }

  /**
   * Queues one brand before every other; a `conflict` when a run of it is running (the job may
   * still be queued: then the queue keeps the one job, and says so in the log).
   */
  scrapeBrand(brand: Brand): { pid: null; brand: string } {
    const running = this.store.db
      .prepare(`SELECT 1 FROM runs WHERE brand_id = ? AND status = 'running'`)
      .get(brand.id)
    if (running) throw new ApiError('conflict', `${brand.name} is being scraped already.`)
    this.status.started({ mode: 'brand' }, brand.name)
    this.soon(async () => {
      const added = await this.dispatch.scrapeBrand(brand)
      this.options.log(
        'info',
        added
          ? `Queued ${brand.name} first on ${this.options.target.display}.`
          : `${brand.name} is queued already.`
      )
    })
    return { pid: null, brand: brand.name }
  }

  /** Whether Start or Scrape brand queued jobs that are not all done (until Stop). */
  get running(): boolean {
    return this.status.running
  }

  /**
   * Stops the schedule, removes waiting jobs and asks every worker to stop its crawls; says
   * whether a launch was running.
   */
  async stop(): Promise<'stopping' | 'not_running'> {
    const wasRunning = this.status.running
    this.status.stopped()
    this.dispatch.stopSchedule()
    try {
      await this.queue.drain()
      for (const worker of this.store.workers.list()) await this.control(worker.id, 'abort')
    } catch (error) {
      this.options.log('warn', `Could not stop the queue: ${(error as Error).message}`)
    }
    return wasRunning ? 'stopping' : 'not_running'
  }

  /** Asks one remote worker to stop (it reads its control key every heartbeat). */
  stopWorker(id: string): void {
    this.soon(() => this.control(id, 'stop'))
  }

  async close(): Promise<void> {
    this.dispatch.stopSchedule()
    const closing = this.ingest.close()
    // A read waiting on Redis (or on its return) ends now; a batch read and not yet acknowledged
    // is read again by the next coordinator, and skipped as committed.
    this.reading.disconnect()
    await closing
    await this.queue.close().catch(() => undefined)
    this.reading.disconnect()
    await this.commands.quit().catch(() => undefined)
  }

  /** Runs a queue command after answering; what Redis refuses is logged. */
  private soon(command: () => Promise<unknown>): void {
    command().catch((error: Error) =>
      this.options.log('warn', `The queue refused: ${error.message}`)
    )
  }

  private async control(workerId: string, word: WorkerControl): Promise<void> {
    await this.commands.set(controlKey(workerId), word, 'EX', 3600)
  }
}
