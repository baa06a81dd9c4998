import { type ApiHandlers } from '../../shared/api-contract'
import { ApiError } from '../../shared/api-error'
import type { LogLevel } from '../../shared/log-entry'
import type { StartMode } from '../../shared/worker-mode'
import type { WorkerMessage } from '../../shared/worker-protocol'
import type { WorkerStatus } from '../../shared/worker-status'
import { CatalogLogger } from '../../store/catalog-logger'
import { CatalogStore } from '../../store/catalog-store'
import { ApiEventBus, type ApiEventListener } from './api-event-bus'
import { createApiHandlers, type ApiHandlerContext } from './api-handlers'
import type { CoordinatorOptions } from './coordinator-options'
import { LogFile } from './log-file'
import { RegistryWatch } from './registry-watch'
import type { WorkerHostExit } from './worker-host'
import { WorkerPool, type WorkerSlot } from './worker-pool'
import { describeWorker, reportExit } from './worker-exit-report'
import {
  WorkerStatusState,
  exitedSlot,
  launchedSlot,
  launchedStatus,
  statusPatchFor
} from './worker-status-state'
import type { CrashOutcome } from './worker-supervisor'
import { WorkerRecovery } from './worker-recovery'
import {
  brandHeldError,
  launchConfig,
  launchedMessage,
  workersBusyError,
  type LaunchRequest
} from './worker-launch'
import type { QueueMode, QueueModeHooks } from './queue-mode'

export type { RestartPolicy } from './crash-backoff'
export type { CoordinatorOptions } from './coordinator-options'

/**
 * The coordinator: starts and stops its worker processes, follows what they report and what the
 * catalog's worker registry says of every other worker, fans events out to subscribers, and
 * answers queries from SQLite. It never scrapes and never waits on a worker to answer a query,
 * so it stays responsive whatever the workers do.
 */
export class Coordinator implements ApiHandlerContext {
  readonly handlers: ApiHandlers
  private readonly events = new ApiEventBus()
  private readonly statusState = new WorkerStatusState((status) =>
    this.events.emit('status', status)
  )
  private readonly pool: WorkerPool
  private readonly recovery: WorkerRecovery
  private readonly registry: RegistryWatch
  private readonly logger: CatalogLogger
  private readonly logFileWriter: LogFile | undefined
  private closed = false
  /** Set by {@link useQueue}: workers on other machines take jobs from Redis. */
  private queue: QueueMode | undefined

  private constructor(
    readonly store: CatalogStore,
    private readonly options: CoordinatorOptions
  ) {
    this.logFileWriter = options.logFile ? LogFile.open(options.logFile) : undefined
    this.logger = new CatalogLogger(store.logs, 'coordinator', (entry) => {
      this.logFileWriter?.write([entry])
      this.events.emit('log', entry)
    })
    this.pool = new WorkerPool(
      {
        transport: options.workerTransport,
        env: options.workerEnv,
        restartPolicy: options.restartPolicy
      },
      {
        message: (message, slot) => this.onWorkerMessage(message, slot),
        output: (stream, line, slot) => {
          const level: LogLevel = stream === 'stderr' ? 'warn' : 'info'
          const slotStatus = this.statusState.slot(slot.index)
          const pid = slotStatus?.pid ?? slot.supervisor.host?.pid ?? '?'
          this.log(level, `[worker ${pid}] ${line}`, slotStatus?.current_brand ?? null)
        },
        exit: (exit, crash, slot) => this.onWorkerExit(exit, crash, slot),
        restart: (slot) => this.restart(slot)
      }
    )
    this.recovery = new WorkerRecovery(store, (level, message, brand) =>
      this.log(level, message, brand)
    )
    this.registry = new RegistryWatch(
      store,
      {
        changed: (workers) => {
          this.events.emit('workers', workers)
          if (workers.length !== this.status.workers) {
            this.statusState.update({ workers: workers.length })
          }
        },
        reaped: (result) => this.recovery.reaped(result),
        failed: (error) => this.log('warn', `Could not read the worker registry: ${error.message}`)
      },
      { pollMs: options.registryPollMs }
    )
    this.handlers = createApiHandlers(this)
    // Workers that ended without leaving the registry (a crash of the last session) go now. Leases
    // wait for the next reap: a worker elsewhere may have heartbeats waiting in a results stream.
    this.registry.poll({ leases: false })
  }

  static open(options: CoordinatorOptions): Coordinator {
    const store = CatalogStore.open(options.dbPath, {
      seedBrands: options.seedBrands,
      nativeBinding: options.sqliteNativeBinding
    })
    return new Coordinator(store, options)
  }

  get status(): WorkerStatus {
    return this.statusState.current
  }

  get workerRunning(): boolean {
    return this.pool.live.length > 0
  }

  get idle(): boolean {
    return this.queue ? !this.queue.running : this.pool.idle
  }

  get logFile(): string | undefined {
    return this.options.logFile
  }

  get openPath(): ((path: string) => Promise<boolean>) | undefined {
    return this.options.openPath
  }

  /** Every event, as it happens; returns the function that unsubscribes. */
  subscribe(listener: ApiEventListener): () => void {
    return this.events.subscribe(listener)
  }

  /**
   * Puts scrape jobs on a Redis queue instead of starting local workers (`serve --queue`), and
   * commits what remote workers send back. Call once, before starting anything.
   */
  useQueue(open: (store: CatalogStore, hooks: QueueModeHooks) => QueueMode): void {
    // Passed in, so that the local path never loads the Redis client.
    this.queue = open(this.store, {
      overrides: this.options.runOverrides,
      status: this.statusState,
      log: (level, message) => this.log(level, message),
      committed: ({ logs, progress, started, finished }) => {
        if (this.closed) return
        this.logFileWriter?.write(logs)
        for (const entry of logs) this.events.emit('log', entry)
        for (const each of progress) this.events.emit('progress', each)
        if (started.length || finished.length) this.registry.poll()
      }
    })
    // Remote workers' heartbeats come through the stream: none is judged before it is read.
    this.registry.judgeLeasesWhen(() => this.queue?.caughtUp ?? true)
  }

  /**
   * Starts `workers` worker processes in a mode, sharing the catalog's queue; returns their pids.
   * Throws a `conflict` ApiError when this coordinator's workers run already.
   */
  start(mode: StartMode, delay: number, workers = 1): number[] {
    if (this.queue) return this.queue.start(mode, delay)
    this.pool.cancelRestarts()
    this.statusState.update({ gave_up: null, recent_crashes: 0 })
    return this.launch({ mode, delay }, workers)
  }

  /**
   * Scrapes one brand now. Throws `not_found` for an unknown brand, `conflict` when another worker
   * holds it (naming that worker) or this coordinator's workers are busy.
   */
  scrapeBrand(name: string): { pid: number | null; brand: string } {
    const brand = this.store.brands.requireByName(name)
    const holder = this.store.claims.holder(brand.id)
    if (holder) throw brandHeldError(brand.name, holder)
    if (this.queue) return this.queue.scrapeBrand(brand)
    this.pool.cancelRestarts()
    const [pid] = this.launch({ mode: 'brand', brandId: brand.id, brandName: brand.name }, 1)
    return { pid: pid ?? null, brand: brand.name }
  }

  /** Asks every worker of this coordinator to stop; resolves once all have exited (or were killed). */
  async stop(): Promise<'stopping' | 'not_running'> {
    if (this.queue) return this.queue.stop()
    for (const slot of this.pool.cancelRestarts()) {
      this.statusState.updateSlot(slot.index, { state: 'stopped' })
    }
    const live = this.pool.live
    if (live.length === 0) {
      await this.pool.stop(0)
      return 'not_running'
    }
    const asked = live.filter((slot) => this.statusState.slot(slot.index)?.state !== 'stopping')
    for (const slot of asked) this.statusState.updateSlot(slot.index, { state: 'stopping' })
    if (asked.length > 0) {
      const pids = asked.map((slot) => slot.supervisor.host?.pid ?? '?').join(', ')
      this.log(
        'info',
        `Stopping ${asked.length === 1 ? 'the worker' : 'the workers'} (pid ${pids}).`
      )
    }
    const timeoutMs = this.stopTimeoutMs
    const results = await this.pool.stop(timeoutMs)
    if (results.some((result) => result.killed)) {
      this.log('warn', `A worker did not stop within ${timeoutMs / 1000} s and was killed.`)
    }
    return 'stopping'
  }

  /**
   * Asks any worker on the catalog to stop, through the registry (it picks the request up within
   * its heartbeat, whoever started it); one of this coordinator's own is also sent `stop` at once.
   */
  stopWorker(id: string): { status: 'stopping'; id: string } {
    const worker = this.store.workers.get(id)
    if (!worker || !this.store.workers.requestStop(id)) {
      throw new ApiError('not_found', `There is no worker ${id} on this catalog.`)
    }
    this.log('info', `Asked worker ${id} (pid ${worker.pid} on ${worker.host}) to stop.`)
    this.queue?.stopWorker(id)
    const slot = this.pool.slotOf(id)
    if (slot?.supervisor.host) {
      this.statusState.updateSlot(slot.index, { state: 'stopping' })
      void slot.supervisor.stop(this.stopTimeoutMs).then((result) => {
        if (result?.killed) this.log('warn', `Worker ${id} did not stop in time and was killed.`)
      })
    }
    this.registry.poll()
    return { status: 'stopping', id }
  }

  /** Resolves when no worker runs and none is about to be restarted. */
  async whenIdle(): Promise<WorkerStatus> {
    await this.pool.whenIdle()
    return this.status
  }

  /**
   * Closes the worker source (`closeWorkerTransport`), stops the workers gracefully (then kills
   * them), and closes the catalog.
   */
  async shutdown(): Promise<void> {
    if (this.closed) return
    // The source first: a worker that ends in the stop below must not have it start another.
    await this.options.closeWorkerTransport?.()
    // Queued jobs and remote workers outlive this coordinator: only its own workers stop.
    const queue = this.queue
    this.queue = undefined
    await this.stop()
    this.closed = true
    await queue?.close()
    this.registry.close()
    this.events.clear()
    await this.logFileWriter?.close()
    this.store.close()
  }

  /** Writes a coordinator log line: stored, appended to the log file, and pushed to subscribers. */
  log(level: LogLevel, message: string, brand: string | null = null): void {
    if (this.closed) return
    this.logger.write(level, message, { brand, runId: null })
  }

  private get stopTimeoutMs(): number {
    return this.options.stopTimeoutMs ?? 10_000
  }

  private launch(run: LaunchRequest, count: number): number[] {
    if (this.closed) throw new ApiError('unavailable', 'Brand Scraper is shutting down.')
    const live = this.pool.live
    if (live.length > 0) {
      const pids = live.map((slot) => slot.supervisor.host?.pid ?? '?')
      throw workersBusyError(pids, this.status)
    }
    const config = launchConfig(run, this.store.file, this.options)
    const slots = this.pool.start(config, run.mode === 'continuous', count)
    const pids = slots.map((slot) => slot.supervisor.host?.pid ?? null)
    this.statusState.resetSlots(pids.map((pid) => launchedSlot(pid, run.brandName)))
    this.statusState.update(launchedStatus(run))
    this.log('info', launchedMessage(run, pids))
    return pids.filter((pid): pid is number => pid !== null)
  }

  private restart(slot: WorkerSlot): void {
    if (this.closed) return
    try {
      const host = this.pool.restart(slot)
      this.statusState.updateSlot(slot.index, launchedSlot(host.pid))
      this.log('info', `Restarted the worker (pid ${host.pid}) after its crash.`)
    } catch (error) {
      this.log('error', `Could not restart the worker: ${(error as Error).message}`)
    }
  }

  private onWorkerMessage(message: WorkerMessage, slot: WorkerSlot): void {
    const slotStatus = this.statusState.slot(slot.index)
    const patch = slotStatus && statusPatchFor(message, slotStatus)
    if (patch) this.statusState.updateSlot(slot.index, patch)
    if (message.type === 'progress') {
      this.statusState.setProgress(slot.index, message.progress)
      this.events.emit('progress', message.progress)
    } else if (message.type === 'logs') {
      // The worker has stored them already; the coordinator only writes the file and fans out.
      this.logFileWriter?.write(message.entries)
      for (const entry of message.entries) this.events.emit('log', entry)
    }
  }

  private onWorkerExit(
    exit: WorkerHostExit,
    crash: CrashOutcome | undefined,
    slot: WorkerSlot
  ): void {
    const pid = this.statusState.slot(slot.index)?.pid ?? null
    if (!this.closed) this.recovery.expire(slot.workerId, pid, exit)
    const report = reportExit(exit, crash, describeWorker(null, pid), slot.supervisor.restartPolicy)
    const { slot: settled, last_exit } = exitedSlot(exit, report.state)
    this.statusState.settleSlot(slot.index, settled, {
      last_exit,
      notice: exit.notice ?? this.status.notice,
      recent_crashes: this.pool.slots.reduce((sum, each) => sum + each.crashes, 0),
      gave_up: report.gaveUp ?? this.status.gave_up
    })
    this.log(report.level, report.message)
  }
}
