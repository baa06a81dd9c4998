import type { WorkerMode } from '../shared/worker-mode'
import type { CatalogLogger } from '../store/catalog-logger'
import type { CatalogStore } from '../store/catalog-store'
import type { WorkerActivity } from '../store/worker-registry'

/** What a {@link WorkerLease} needs. */
export interface WorkerLeaseOptions {
  store: CatalogStore
  logger: CatalogLogger
  workerId: string
  mode: WorkerMode
  /** How often it renews its lease and looks for a stop request. */
  heartbeatMs: number
  /** How long its claims last without a heartbeat. */
  leaseMs: number
}

/**
 * A worker's place in the catalog's registry, for as long as it runs: registered at once, its
 * lease (and every claim it holds) renewed each heartbeat, and removed at the end. A stop asked
 * for by any process (`POST /api/workers/{id}/stop`) aborts `signal` within one heartbeat; so does
 * finding the registration gone, since its claims may then be someone else's.
 */
export class WorkerLease {
  private readonly controller = new AbortController()
  private readonly timer: NodeJS.Timeout

  constructor(private readonly options: WorkerLeaseOptions) {
    const { store, workerId, mode, leaseMs } = options
    store.workers.register({ id: workerId, pid: process.pid, mode, leaseMs })
    this.timer = setInterval(() => this.beat(), options.heartbeatMs)
    // The heartbeat must not keep a finished worker alive.
    this.timer.unref()
  }

  /** Aborted when the registry asks this worker to stop. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  /** Records what the worker does now, for every view of the registry. */
  report(activity: WorkerActivity): void {
    this.options.store.workers.report(this.options.workerId, activity)
  }

  /** Renews the lease now. */
  beat(): void {
    const { store, workerId, logger } = this.options
    let answer: 'ok' | 'stop' | 'gone'
    try {
      answer = store.workers.heartbeat(workerId)
    } catch (error) {
      // A busy catalog (another process's long write) delays one heartbeat; the lease outlasts it.
      logger.write('warn', `Could not renew this worker's lease: ${(error as Error).message}`)
      return
    }
    if (answer === 'ok' || this.controller.signal.aborted) return
    logger.write(
      answer === 'stop' ? 'info' : 'warn',
      answer === 'stop'
        ? `Worker ${workerId}: a stop was asked for; stopping.`
        : `Worker ${workerId} lost its registration (its lease lapsed); stopping so that no brand is scraped twice.`
    )
    this.report({ state: 'stopping' })
    this.controller.abort()
  }

  /** Leaves the registry, releasing every claim. */
  end(): void {
    clearInterval(this.timer)
    this.options.store.workers.unregister(this.options.workerId)
  }
}
