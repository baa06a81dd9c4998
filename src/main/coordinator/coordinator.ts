import { createWriteStream, renameSync, statSync, mkdirSync, type WriteStream } from 'node:fs'
import { dirname } from 'node:path'
import { type ApiEvents, type ApiHandlers } from '../../shared/api-contract'
import { ApiError } from '../../shared/api-error'
import type { BrandInput, CrawlOverrides } from '../../shared/brand'
import type { LogEntry, LogLevel } from '../../shared/log-entry'
import { idleWorkerStatus, type WorkerStatus } from '../../shared/worker-status'
import { defaultDelaySeconds, type StartMode, type WorkerMode } from '../../shared/worker-mode'
import type { WorkerMessage, WorkerRunConfigInput } from '../../shared/worker-protocol'
import { parseBrandList } from '../../store/brand-import'
import { formatProducts } from '../../store/product-export'
import { CatalogStore } from '../../store/catalog-store'
import { WorkerHost, allowListedEnv } from './worker-host'
import type { WorkerProcessExit, WorkerTransportFactory } from './worker-transport'

/** How a crashing continuous worker is restarted. */
export interface RestartPolicy {
  /** First wait before a restart. Default: 1000 ms; doubles with each crash. */
  initialDelayMs: number
  /** Longest wait. Default: 60 000 ms. */
  maxDelayMs: number
  /** Crashes within `windowMs` after which the coordinator gives up. Default: 5. */
  maxCrashes: number
  /** Default: 10 minutes. */
  windowMs: number
}

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
  /** Passed to every worker run (benchmarks and tests tune the crawl). */
  runOverrides?: CrawlOverrides
}

/**
 * A worker run as the coordinator asks for it; the catalog file is added at launch. `brandName`
 * is what the status shows while the worker looks the brand up by id.
 */
type LaunchRequest = Omit<WorkerRunConfigInput, 'dbPath'> & { mode: WorkerMode; brandName?: string }

type Listener = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void

const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 1000,
  maxDelayMs: 60_000,
  maxCrashes: 5,
  windowMs: 10 * 60_000
}

/**
 * The coordinator: starts and stops the worker process, follows what it reports, fans events out
 * to subscribers, and answers queries from SQLite. It never scrapes and never waits on the worker
 * to answer a query, so it stays responsive whatever the worker does.
 */
export class Coordinator {
  readonly handlers: ApiHandlers
  private statusValue: WorkerStatus = { ...idleWorkerStatus }
  private host: WorkerHost | undefined
  private readonly listeners = new Set<Listener>()
  private readonly restartPolicy: RestartPolicy
  private crashTimes: number[] = []
  private restartTimer: NodeJS.Timeout | undefined
  private lastRun: LaunchRequest | undefined
  private workerError: string | null = null
  private logStream: WriteStream | undefined
  private idleWaiters: Array<(status: WorkerStatus) => void> = []
  private closed = false

  private constructor(
    readonly store: CatalogStore,
    private readonly options: CoordinatorOptions
  ) {
    this.restartPolicy = { ...defaultRestartPolicy, ...options.restartPolicy }
    if (options.logFile) this.logStream = openLogFile(options.logFile)
    this.handlers = this.createHandlers()
  }

  static open(options: CoordinatorOptions): Coordinator {
    const store = CatalogStore.open(options.dbPath, {
      seedBrands: options.seedBrands,
      nativeBinding: options.sqliteNativeBinding
    })
    return new Coordinator(store, options)
  }

  get status(): WorkerStatus {
    return this.statusValue
  }

  /** Every event, as it happens; returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Starts the worker in a mode. Throws a `conflict` ApiError when one is already running. */
  start(mode: StartMode, delay: number): number | null {
    this.clearRestart()
    this.crashTimes = []
    this.setStatus({ gave_up: null, recent_crashes: 0 })
    return this.launch({ mode, delay })
  }

  /** Scrapes one brand now. Throws `not_found` for an unknown brand, `conflict` when busy. */
  scrapeBrand(name: string): { pid: number | null; brand: string } {
    const brand = this.store.brands.requireByName(name)
    this.clearRestart()
    const pid = this.launch({ mode: 'brand', brandId: brand.id, brandName: brand.name })
    return { pid, brand: brand.name }
  }

  /** Asks the worker to stop; resolves once it has exited (or was killed after the timeout). */
  async stop(): Promise<'stopping' | 'not_running'> {
    const hadRestart = this.clearRestart()
    const host = this.host
    if (!host) {
      if (hadRestart) this.setStatus({ state: 'stopped' })
      return 'not_running'
    }
    if (this.statusValue.state !== 'stopping') {
      this.setStatus({ state: 'stopping' })
      this.log('info', `Stopping the worker (pid ${host.pid}).`)
    }
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000
    const exit = await host.waitForExit(0)
    if (!exit) {
      const result = await host.stop(timeoutMs)
      if (result?.signal === 'SIGKILL' || result?.signal === 'SIGTERM') {
        this.log('warn', `The worker did not stop within ${timeoutMs / 1000} s and was killed.`)
      }
    }
    return 'stopping'
  }

  /** Resolves when no worker runs and none is about to be restarted. */
  whenIdle(): Promise<WorkerStatus> {
    if (!this.host && !this.restartTimer) return Promise.resolve(this.statusValue)
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stops the worker gracefully (then kills it), and closes the catalog. */
  async shutdown(): Promise<void> {
    if (this.closed) return
    await this.stop()
    this.closed = true
    this.listeners.clear()
    await new Promise<void>((resolve) => (this.logStream ? this.logStream.end(resolve) : resolve()))
    this.store.close()
  }

  /** Writes a coordinator log line: stored, appended to the log file, and pushed to subscribers. */
  log(level: LogLevel, message: string, brand: string | null = null): void {
    if (this.closed) return
    const entry = this.store.logs.add({
      time: new Date().toISOString(),
      level,
      source: 'coordinator',
      brand,
      runId: null,
      message
    })
    this.publishLog(entry)
  }

  private launch(run: LaunchRequest): number | null {
    if (this.closed) throw new ApiError('unavailable', 'Brand Scraper is shutting down.')
    if (this.host) {
      const { pid, mode, current_brand: brand } = this.statusValue
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
    const host = new WorkerHost(
      this.options.workerTransport,
      this.options.workerEnv ?? allowListedEnv()
    )
    this.host = host
    this.lastRun = run
    this.workerError = null
    host.on('message', (message) => this.onWorkerMessage(message))
    host.on('output', (stream, line) => {
      const level: LogLevel = stream === 'stderr' ? 'warn' : 'info'
      this.log(level, `[worker ${host.pid ?? '?'}] ${line}`, this.statusValue.current_brand)
    })
    host.on('exit', (exit) => this.onWorkerExit(host, exit))
    host.start(config)
    this.setStatus({
      is_running: true,
      state: 'starting',
      pid: host.pid,
      mode: run.mode,
      delay: run.mode === 'continuous' ? (run.delay ?? defaultDelaySeconds) : null,
      current_brand: run.mode === 'brand' ? (brandName ?? null) : null,
      progress: null,
      started_at: new Date().toISOString(),
      next_brand_at: null
    })
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

  private onWorkerMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'ready':
        if (this.statusValue.state === 'starting') this.setStatus({ state: 'running' })
        break
      case 'brand-started':
        this.setStatus({ current_brand: message.brand, progress: null, next_brand_at: null })
        break
      case 'progress':
        this.statusValue = { ...this.statusValue, progress: message.progress }
        this.emit('progress', message.progress)
        break
      case 'brand-finished':
        this.setStatus({ current_brand: null, progress: null })
        break
      case 'waiting':
        this.setStatus({ next_brand_at: message.until })
        break
      case 'logs':
        // The worker has stored them already; the coordinator only writes the file and fans out.
        this.logStream?.write(message.entries.map(formatLogLine).join(''))
        for (const entry of message.entries) this.emit('log', entry)
        break
      case 'finished':
        this.workerError = message.error
        break
    }
  }

  private onWorkerExit(host: WorkerHost, exit: WorkerProcessExit & { requested: boolean }): void {
    if (this.host !== host) return
    this.host = undefined
    const crashed = exit.code !== 0 && !(exit.requested && exit.signal === 'SIGKILL')
    const interrupted = crashed ? this.store.runs.markInterrupted() : []
    const at = new Date().toISOString()
    let reason = exit.reason
    if (this.workerError) reason = this.workerError
    const status: Partial<WorkerStatus> = {
      is_running: false,
      pid: null,
      current_brand: null,
      progress: null,
      next_brand_at: null,
      last_exit: { code: exit.code, signal: exit.signal, crashed, reason, at }
    }
    if (!crashed) {
      this.setStatus({ ...status, state: 'stopped' })
      this.log('info', exit.requested ? 'The worker stopped.' : 'The worker finished and exited.')
    } else if (this.workerError) {
      // It exited on purpose, saying why it could not work (no brands, unknown brand): no restart.
      this.setStatus({ ...status, state: 'crashed' })
      this.log('error', `The worker could not run: ${this.workerError}`)
    } else {
      for (const run of interrupted) {
        this.log(
          'warn',
          `Run ${run.id} of ${run.brandName} was interrupted by the crash.`,
          run.brandName
        )
      }
      this.onCrash(status, exit)
    }
    this.resolveIdleIfIdle()
  }

  private onCrash(status: Partial<WorkerStatus>, exit: WorkerProcessExit): void {
    const now = Date.now()
    this.crashTimes = [...this.crashTimes.filter((t) => now - t < this.restartPolicy.windowMs), now]
    const crashes = this.crashTimes.length
    const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`
    const run = this.lastRun
    if (run?.mode !== 'continuous') {
      this.setStatus({ ...status, state: 'crashed', recent_crashes: crashes })
      this.log('error', `The worker crashed (${how}: ${exit.reason}). Saved products are kept.`)
      return
    }
    if (crashes >= this.restartPolicy.maxCrashes) {
      const gaveUp =
        `The worker crashed ${crashes} times in ${this.restartPolicy.windowMs / 60_000} minutes ` +
        `(last: ${how}); not restarting. Check the log, then start it again.`
      this.setStatus({ ...status, state: 'crashed', recent_crashes: crashes, gave_up: gaveUp })
      this.log('error', gaveUp)
      return
    }
    const delay = Math.min(
      this.restartPolicy.maxDelayMs,
      this.restartPolicy.initialDelayMs * 2 ** (crashes - 1)
    )
    this.setStatus({ ...status, state: 'crashed', recent_crashes: crashes })
    this.log(
      'error',
      `The worker crashed (${how}: ${exit.reason}); restarting in ${delay / 1000} s (crash ${crashes} of ${this.restartPolicy.maxCrashes}).`
    )
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined
      if (this.closed || this.host) return
      try {
        this.launch(run)
      } catch (error) {
        this.log('error', `Could not restart the worker: ${(error as Error).message}`)
        this.resolveIdleIfIdle()
      }
    }, delay)
  }

  private clearRestart(): boolean {
    if (!this.restartTimer) return false
    clearTimeout(this.restartTimer)
    this.restartTimer = undefined
    return true
  }

  private resolveIdleIfIdle(): void {
    if (this.host || this.restartTimer) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve(this.statusValue)
  }

  private setStatus(patch: Partial<WorkerStatus>): void {
    this.statusValue = { ...this.statusValue, ...patch, version: this.statusValue.version + 1 }
    this.emit('status', this.statusValue)
  }

  private publishLog(entry: LogEntry): void {
    this.logStream?.write(formatLogLine(entry))
    this.emit('log', entry)
  }

  private emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload)
      } catch {
        // One broken subscriber (a closed SSE socket) must not stop the others.
      }
    }
  }

  private brandIdOf(name: string | undefined): number | undefined {
    return name ? this.store.brands.requireByName(name).id : undefined
  }

  private createHandlers(): ApiHandlers {
    const { store } = this
    return {
      worker: {
        start: ({ mode, delay }) => ({ status: 'started', pid: this.start(mode, delay), mode }),
        stop: async () => {
          if (!this.host && !this.restartTimer) return { status: 'not_running' }
          void this.stop()
          return { status: 'stopping' }
        },
        status: () => this.statusValue,
        scrapeBrand: ({ brand }) => ({ status: 'started', ...this.scrapeBrand(brand) })
      },
      brands: {
        list: () => store.brands.list(),
        add: (input) => {
          const brand = store.brands.add(input)
          this.log('info', `Added brand ${brand.name} (${brand.website}).`, brand.name)
          return store.brands.summary(brand.id)
        },
        update: ({ id, patch }) => store.brands.summary(store.brands.update(id, patch).id),
        remove: ({ id }) => {
          const brand = store.brands.get(id)
          if (brand && this.host && this.statusValue.current_brand === brand.name) {
            throw new ApiError(
              'conflict',
              `${brand.name} is being scraped now; stop the worker first.`
            )
          }
          store.brands.remove(id)
          if (brand) this.log('info', `Removed brand ${brand.name} and its products.`, brand.name)
          return { removed: true }
        },
        import: ({ format, content }) => {
          const result = store.brands.importMany(parseBrandList(content, format))
          this.log('info', `Imported brands: ${result.added} added, ${result.updated} updated.`)
          return result
        }
      },
      products: {
        list: (request) =>
          store.products.list({
            brandId: this.brandIdOf(request.brand),
            q: request.q,
            limit: request.limit,
            offset: request.offset,
            sort: request.sort,
            order: request.order,
            includeMissing: request.includeMissing
          }),
        get: ({ id }) => {
          const product = store.products.get(id)
          if (!product) throw new ApiError('not_found', `No product with id ${id}.`)
          return product
        },
        export: ({ brand, q, format }) => {
          const products = [...store.products.iterate({ brandId: this.brandIdOf(brand), q })]
          const stem = `products${brand ? `-${brand.replace(/[^\w-]+/g, '-').toLowerCase()}` : ''}`
          return {
            filename: `${stem}.${format}`,
            mimeType: format === 'csv' ? 'text/csv' : 'application/json',
            content: formatProducts(products, format),
            count: products.length
          }
        }
      },
      runs: {
        list: ({ brand, limit }) => store.runs.list({ brandId: this.brandIdOf(brand), limit })
      },
      logs: {
        list: (query) => store.logs.list(query),
        file: () => ({ path: this.options.logFile ?? '' }),
        openFile: async () => {
          const path = this.options.logFile ?? ''
          const opened = Boolean(
            path && this.options.openPath && (await this.options.openPath(path))
          )
          return { opened, path }
        }
      },
      ingestion: {
        status: () => store.ingestionStatus()
      }
    }
  }
}

function formatLogLine(entry: LogEntry): string {
  const brand = entry.brand ? ` [${entry.brand}]` : ''
  return `${entry.time} ${entry.level.toUpperCase().padEnd(5)} ${entry.source}${brand} ${entry.message}\n`
}

/** Appends to the log file, moving a file over 10 MB aside first so it cannot grow forever. */
function openLogFile(file: string): WriteStream {
  mkdirSync(dirname(file), { recursive: true })
  try {
    if (statSync(file).size > 10 * 1024 * 1024) renameSync(file, `${file}.1`)
  } catch {
    // No file yet.
  }
  const stream = createWriteStream(file, { flags: 'a' })
  stream.on('error', () => undefined)
  return stream
}
