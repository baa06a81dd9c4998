import type { BrandInput, CrawlOverrides } from '../../shared/brand'
import type { RestartPolicy } from './crash-backoff'
import type { WorkerTransportFactory } from './worker-transport'

/** Options of `Coordinator.open`. */
export interface CoordinatorOptions {
  /** The catalog's SQLite file. */
  dbPath: string
  /** Starts worker processes: utilityProcess in the app, child processes under Node. */
  workerTransport: WorkerTransportFactory
  /**
   * Closes what stands behind {@link workerTransport}, such as a `SpareWorker`'s idle process.
   * `shutdown` awaits it before it stops its own workers, so that none ending meanwhile has the
   * source start another process. Default: none (the transport holds nothing between starts).
   */
  closeWorkerTransport?: () => Promise<void>
  /** Where log lines are appended as text. Default: none. */
  logFile?: string
  /** Brands a new catalog starts with. Default: none. */
  seedBrands?: BrandInput[]
  /** How long a stopping worker gets before it is killed. Default: 10 000 ms. */
  stopTimeoutMs?: number
  /** How each crashing continuous worker is restarted. Default: see {@link RestartPolicy}. */
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
  /** How often its workers renew their lease. Default: the protocol's (2000 ms). */
  heartbeatMs?: number
  /** How long their claims last without a heartbeat. Default: the protocol's (15 000 ms). */
  leaseMs?: number
  /** How often the catalog's worker registry is read for changes. Default: 1000 ms. */
  registryPollMs?: number
}
