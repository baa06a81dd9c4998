import type { WorkerRecord } from '../../shared/worker-record'
import type { CatalogStore } from '../../store/catalog-store'
import type { LapsedWorker } from '../../store/worker-registry'
import type { RunRecord } from '../../shared/run'

/** Options of {@link RegistryWatch}. */
export interface RegistryWatchOptions {
  /** How often the registry is read (one cheap SELECT). Default: 1000 ms. */
  pollMs?: number
  /**
   * How often workers whose lease lapsed (or whose process is gone from this machine) are expired,
   * so that a killed terminal worker leaves the list even when no other worker claims a brand.
   * Default: 5000 ms.
   */
  reapMs?: number
}

/** What the watch reports. */
export interface RegistryWatchHooks {
  /** The registry changed (heartbeats aside): every worker on the catalog. */
  changed(workers: WorkerRecord[]): void
  /** Workers were expired and runs interrupted by a reap. */
  reaped(result: { lapsed: LapsedWorker[]; orphaned: RunRecord[] }): void
  /** The catalog could not be read (busy for longer than its timeout); the next poll retries. */
  failed(error: Error): void
}

/**
 * Follows the catalog's worker registry for the coordinator: every worker, including those other
 * processes started (a terminal's, another `serve`'s), whose changes no message tells it about.
 */
export class RegistryWatch {
  private readonly timer: NodeJS.Timeout
  private lastKey: string | undefined
  private lastReap = 0
  private failing = false
  /** Whether lapsed leases are judged now; see {@link RegistryWatch.judgeLeasesWhen}. */
  private leasesKnown: () => boolean = () => true

  constructor(
    private readonly store: CatalogStore,
    private readonly hooks: RegistryWatchHooks,
    private readonly options: RegistryWatchOptions = {}
  ) {
    this.timer = setInterval(() => this.poll(), options.pollMs ?? 1000)
    // The watch must not keep a finished CLI command alive.
    this.timer.unref()
  }

  /**
   * Judges lapsed leases only while `known()` says every heartbeat sent so far has been recorded:
   * a remote worker's heartbeats travel through the results stream, and while the coordinator
   * was down or Redis away they wait there, so its last recorded heartbeat says nothing of it.
   */
  judgeLeasesWhen(known: () => boolean): void {
    this.leasesKnown = known
  }

  /**
   * Reads the registry now, reporting a change; returns every worker. `leases: false` expires
   * only workers of this machine whose process is gone.
   */
  poll(options: { leases?: boolean } = {}): WorkerRecord[] | undefined {
    try {
      const now = Date.now()
      if (now - this.lastReap >= (this.options.reapMs ?? 5000)) {
        this.lastReap = now
        const leases = (options.leases ?? true) && this.leasesKnown()
        const reaped = this.store.workers.reap(now, { leases })
        if (reaped.lapsed.length || reaped.orphaned.length) this.hooks.reaped(reaped)
      }
      const workers = this.store.workers.list()
      // A heartbeat alone is no change worth pushing: it comes every couple of seconds per worker.
      const key = JSON.stringify(workers.map(({ heartbeat_at: _, ...rest }) => rest))
      if (key !== this.lastKey) {
        this.lastKey = key
        this.hooks.changed(workers)
      }
      this.failing = false
      return workers
    } catch (error) {
      if (!this.failing) this.hooks.failed(error as Error)
      this.failing = true
      return undefined
    }
  }

  close(): void {
    clearInterval(this.timer)
  }
}
