import { type ApiHandlers } from '../../shared/api-contract'
import { ApiError } from '../../shared/api-error'
import type { BrandInput, CrawlOverrides } from '../../shared/brand'
import type { LogLevel } from '../../shared/log-entry'
import { defaultDelaySeconds, type StartMode, type WorkerMode } from '../../shared/worker-mode'
import type { WorkerMessage, WorkerRunConfigInput } from '../../shared/worker-protocol'
import type { WorkerStatus } from '../../shared/worker-status'
import { CatalogLogger } from '../../store/catalog-logger'
import { CatalogStore } from '../../store/catalog-store'
import { ApiEventBus, type ApiEventListener } from './api-event-bus'
import { createApiHandlers, type ApiHandlerContext } from './api-handlers'
import type { RestartPolicy } from './crash-backoff'
import { LogFile } from './log-file'
import type { WorkerHostExit } from './worker-host'
import {
  WorkerStatusState,
  exitedStatus,
  launchedStatus,
  statusPatchFor
} from './worker-status-state'
import { WorkerSupervisor, type CrashOutcome } from './worker-supervisor'
import type { WorkerTransportFactory } from './worker-transport'

export type { RestartPolicy } from './crash-backoff'

/** Options of {@link Coordinator.open}. */
export interface CoordinatorOptions {
  /** The catalog's SQLite file. */
  dbPath: string
  /** Starts worker processes: utilityProcess in the app, child processes under Node. */
  workerTransport: WorkerTransportFactory
  /** Where log lines are appended as text. Default: none. */
  logFile?: string
  /** Brands a new catalog starts with. Default: none. */
  seedBrands?: BrandInput[]
  /** How long a stopping worker gets before it is killed. Default: 10 000 ms. */
  stopTimeoutMs?: number
  /** How a crashing continuous worker is restarted. Default: see {@link RestartPolicy}. */
  restartPolicy?: Partial<RestartPolicy>
  /** The worker's environment. Default: the allow-listed part of this process's. */
  workerEnv?: Record<string, string>
  /**
   * better-sqlite3 addon built for this runtime's ABI, used by the coordinator and passed to the
   * worker. Electron sets it; plain Node uses node_modules' build. Default: none.
   */
  sqliteNativeBinding?: string
  /**
   * Opens a file in the desktop's default app; resolves false when it could not. Only the
   * Electron app has a desktop to open it on. Default: none (`logs.openFile` gives the path).
   */
  openPath?: (path: string) => Promise<boolean>
  /** Passed to every worker run (benchmarks and tests tune the crawl). Default: none. */
  runOverrides?: CrawlOverrides
}

/**
 * A worker run as the coordinator asks for it; the catalog file is added at launch. `brandName`
 * is what the status shows while the worker looks the brand up by id.
 */
type LaunchRequest = Omit<WorkerRunConfigInput, 'dbPath'> & { mode: WorkerMode; brandName?: string }

/**
 * The coordinator: starts and stops the worker process, follows what it reports, fans events out
 * to subscribers, and answers queries from SQLite. It never scrapes and never waits on the worker
 * to answer a query, so it stays responsive whatever the worker does.
 */
export class Coordinator implements ApiHandlerContext {
  readonly handlers: ApiHandlers
  private readonly events = new ApiEventBus()
  private readonly statusState = new WorkerStatusState((status) =>
    this.events.emit('status', status)
  )
  private readonly supervisor: WorkerSupervisor
  private readonly logger: CatalogLogger
  private readonly logFileWriter: LogFile | undefined
  private lastRun: LaunchRequest | undefined
  private closed = false

  private constructor(
    readonly store: CatalogStore,
    private readonly options: CoordinatorOptions
  ) {
    this.logFileWriter = options.logFile ? LogFile.open(options.logFile) : undefined
    this.logger = new CatalogLogger(store.logs, 'coordinator', (entry) => {
      this.logFileWriter?.write([entry])
      this.events.emit('log', entry)
    })
    this.supervisor = new WorkerSupervisor(
      {
        transport: options.workerTransport,
        env: options.workerEnv,
        restartPolicy: options.restartPolicy
      },
      {
        message: (message) => this.onWorkerMessage(message),
        output: (stream, line, host) => {
          const level: LogLevel = stream === 'stderr' ? 'warn' : 'info'
          this.log(level, `[worker ${host.pid ?? '?'}] ${line}`, this.status.current_brand)
        },
        exit: (exit, crash) => this.onWorkerExit(exit, crash),
        restart: () => this.restart()
      }
    )
    this.handlers = createApiHandlers(this)
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
    return this.supervisor.host !== undefined
  }

  get idle(): boolean {
    return this.supervisor.idle
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

  /** Starts the worker in a mode. Throws a `conflict` ApiError when one is already running. */
  start(mode: StartMode, delay: number): number | null {
    this.supervisor.cancelRestart()
    this.supervisor.resetCrashes()
    this.statusState.update({ gave_up: null, recent_crashes: 0 })
    return this.launch({ mode, delay })
  }

  /** Scrapes one brand now. Throws `not_found` for an unknown brand, `conflict` when busy. */
  scrapeBrand(name: string): { pid: number | null; brand: string } {
    const brand = this.store.brands.requireByName(name)
    this.supervisor.cancelRestart()
    const pid = this.launch({ mode: 'brand', brandId: brand.id, brandName: brand.name })
    return { pid, brand: brand.name }
  }

  /** Asks the worker to stop; resolves once it has exited (or was killed after the timeout). */
  async stop(): Promise<'stopping' | 'not_running'> {
    const hadRestart = this.supervisor.cancelRestart()
    const host = this.supervisor.host
    if (!host) {
      if (hadRestart) this.statusState.update({ state: 'stopped' })
      await this.supervisor.stop(0)
      return 'not_running'
    }
    if (this.status.state !== 'stopping') {
      this.statusState.update({ state: 'stopping' })
      this.log('info', `Stopping the worker (pid ${host.pid}).`)
    }
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000
    const result = await this.supervisor.stop(timeoutMs)
    if (result?.killed) {
      this.log('warn', `The worker did not stop within ${timeoutMs / 1000} s and was killed.`)
    }
    return 'stopping'
  }

  /** Resolves when no worker runs and none is about to be restarted. */
  async whenIdle(): Promise<WorkerStatus> {
    await this.supervisor.whenIdle()
    return this.status
  }

  /** Stops the worker gracefully (then kills it), and closes the catalog. */
  async shutdown(): Promise<void> {
    if (this.closed) return
    await this.stop()
    this.closed = true
    this.events.clear()
    await this.logFileWriter?.close()
    this.store.close()
  }

  /** Writes a coordinator log line: stored, appended to the log file, and pushed to subscribers. */
  log(level: LogLevel, message: string, brand: string | null = null): void {
    if (this.closed) return
    this.logger.write(level, message, { brand, runId: null })
  }

  private launch(run: LaunchRequest): number | null {
    if (this.closed) throw new ApiError('unavailable', 'Brand Scraper is shutting down.')
    if (this.supervisor.host) {
      const { pid, mode, current_brand: brand } = this.status
      throw new ApiError(
        'conflict',
        `The worker is already running (pid ${pid}, ${mode} mode${brand ? `, scraping ${brand}` : ''}). ` +
          'Stop it first, or wait for it to finish.'
      )
    }
    const { brandName, ...request } = run
    const config: WorkerRunConfigInput = {
      ...this.options.runOverrides,
      ...request,
      dbPath: this.store.file,
      sqliteNativeBinding: this.options.sqliteNativeBinding
    }
    // At most one worker runs on this catalog, so a run still marked running was left by one that
    // ended without finishing it.
    for (const left of this.store.runs.markInterrupted()) {
      this.log(
        'warn',
        `Run ${left.id} of ${left.brandName} was left running by a worker that ended; marked interrupted.`,
        left.brandName
      )
    }
    const host = this.supervisor.start(config, run.mode === 'continuous')
    this.lastRun = run
    this.statusState.update(launchedStatus(run, host.pid))
    this.log(
      'info',
      `Started the worker (pid ${host.pid}) in ${run.mode} mode` +
        (run.mode === 'brand'
          ? ` for ${brandName}.`
          : run.mode === 'continuous'
            ? `, ${run.delay ?? defaultDelaySeconds} s between brands.`
            : '.')
    )
    return host.pid
  }

  private restart(): void {
    if (this.closed || !this.lastRun) return
    try {
      this.launch(this.lastRun)
    } catch (error) {
      this.log('error', `Could not restart the worker: ${(error as Error).message}`)
    }
  }

  private onWorkerMessage(message: WorkerMessage): void {
    const patch = statusPatchFor(message, this.status)
    if (patch) this.statusState.update(patch)
    if (message.type === 'progress') {
      this.statusState.setProgress(message.progress)
      this.events.emit('progress', message.progress)
    } else if (message.type === 'logs') {
      // The worker has stored them already; the coordinator only writes the file and fans out.
      this.logFileWriter?.write(message.entries)
      for (const entry of message.entries) this.events.emit('log', entry)
    }
  }

  private onWorkerExit(exit: WorkerHostExit, crash: CrashOutcome | undefined): void {
    const interrupted = exit.crashed ? this.store.runs.markInterrupted() : []
    const status = exitedStatus(exit)
    if (!exit.crashed) {
      this.statusState.update({ ...status, state: 'stopped' })
      this.log('info', exit.requested ? 'The worker stopped.' : 'The worker finished and exited.')
      return
    }
    if (exit.error !== null) {
      // It exited on purpose, saying why it could not work (no brands, unknown brand): no restart.
      this.statusState.update({ ...status, state: 'crashed' })
      this.log('error', `The worker could not run: ${exit.error}`)
      return
    }
    for (const run of interrupted) {
      this.log(
        'warn',
        `Run ${run.id} of ${run.brandName} was interrupted by the crash.`,
        run.brandName
      )
    }
    this.reportCrash(exit, status, crash)
  }

  private reportCrash(
    exit: WorkerHostExit,
    status: Partial<WorkerStatus>,
    crash: CrashOutcome | undefined
  ): void {
    const crashes = crash?.crashes ?? 1
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`
    const { maxCrashes, windowMs } = this.supervisor.restartPolicy
    if (crash?.kind === 'gave-up') {
      const gaveUp =
        `The worker crashed ${crashes} times in ${windowMs / 60_000} minutes ` +
        `(last: ${how}); not restarting. Check the log, then start it again.`
      this.statusState.update({
        ...status,
        state: 'crashed',
        recent_crashes: crashes,
        gave_up: gaveUp
      })
      this.log('error', gaveUp)
      return
    }
    this.statusState.update({ ...status, state: 'crashed', recent_crashes: crashes })
    if (crash?.kind === 'restart') {
      this.log(
        'error',
        `The worker crashed (${how}: ${exit.reason}); restarting in ${crash.inMs / 1000} s (crash ${crashes} of ${maxCrashes}).`
      )
    } else {
      this.log('error', `The worker crashed (${how}: ${exit.reason}). Saved products are kept.`)
    }
  }
}
