import type { Api } from '../../../shared/api-contract'
import type { LogEntry } from '../../../shared/log-entry'
import type { WorkerRecord } from '../../../shared/worker-record'
import type { WorkerStatus } from '../../../shared/worker-status'
import { createBrandsStore, type BrandsStore } from './brands-store'
import { createIngestionStore, type IngestionStore } from './ingestion-store'
import { createLogsStore, type LogsStore } from './logs-store'
import { createProductsStore, type ProductsStore } from './products-store'
import { createWorkerStore, type WorkerStore } from './worker-store'
import { createWorkersStore, type WorkersStore } from './workers-store'

/** One store per domain, all on the same API. */
export interface AppStores {
  worker: WorkerStore
  /** Every worker on the catalog (the `worker` store is this coordinator's own). */
  workers: WorkersStore
  brands: BrandsStore
  products: ProductsStore
  logs: LogsStore
  ingestion: IngestionStore
}

/** Creates the app's stores on an API (the preload's, the HTTP one, or a test's). */
export function createAppStores(api: Api): AppStores {
  return {
    worker: createWorkerStore(api),
    workers: createWorkersStore(api),
    brands: createBrandsStore(api),
    products: createProductsStore(api),
    logs: createLogsStore(api),
    ingestion: createIngestionStore(api)
  }
}

/** Options of {@link connectApiEvents}. */
export interface ApiEventsOptions {
  /** Log lines are handed to the store in batches at most this often. Default: 100 ms. */
  logBatchMs?: number
  /** While a run saves products, tables refresh at most this often. Default: 2000 ms. */
  catalogRefreshMs?: number
}

/**
 * Feeds the pushed events to the stores: status and progress to the worker, the registry to the
 * workers, log lines (batched, so a chatty worker costs one render per batch) to the log viewer,
 * and catalog refreshes to the brands, products and ingestion views while runs save products and
 * when they end, whichever worker runs them (a terminal's too).
 * Returns the function that disconnects.
 */
export function connectApiEvents(
  api: Api,
  stores: AppStores,
  options: ApiEventsOptions = {}
): () => void {
  const logBatchMs = options.logBatchMs ?? 100
  const catalogRefreshMs = options.catalogRefreshMs ?? 2000

  let pendingLogs: LogEntry[] = []
  let logTimer: ReturnType<typeof setTimeout> | null = null
  const flushLogs = (): void => {
    logTimer = null
    const batch = pendingLogs
    pendingLogs = []
    stores.logs.getState().entriesReceived(batch)
  }

  let lastCatalogRefresh = 0
  let catalogTimer: ReturnType<typeof setTimeout> | null = null
  const refreshCatalog = (): void => {
    catalogTimer = null
    lastCatalogRefresh = Date.now()
    void stores.products.getState().catalogChanged()
    void stores.brands.getState().refreshRequested()
    void stores.ingestion.getState().refreshRequested()
  }
  const scheduleCatalogRefresh = (): void => {
    if (catalogTimer) return
    const wait = Math.max(0, lastCatalogRefresh + catalogRefreshMs - Date.now())
    catalogTimer = setTimeout(refreshCatalog, wait)
  }

  let previous: WorkerStatus = stores.worker.getState().status
  let previousActivity = workersActivity(stores.workers.getState().workers)
  const unsubscribers = [
    api.on('status', (status) => {
      stores.worker.getState().statusReceived(status)
      // A brand finished or the worker stopped: counts and last runs changed.
      if (previous.current_brand !== status.current_brand || previous.state !== status.state) {
        scheduleCatalogRefresh()
      }
      previous = status
    }),
    api.on('progress', (progress) => {
      stores.worker.getState().progressReceived(progress)
      scheduleCatalogRefresh()
    }),
    api.on('workers', (workers) => {
      stores.workers.getState().listReceived(workers)
      // Another worker took, finished or saved products of a brand: its row and counts changed.
      const activity = workersActivity(workers)
      if (activity !== previousActivity) scheduleCatalogRefresh()
      previousActivity = activity
    }),
    api.on('log', (entry) => {
      pendingLogs.push(entry)
      logTimer ??= setTimeout(flushLogs, logBatchMs)
    })
  ]

  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
    if (logTimer) clearTimeout(logTimer)
    if (catalogTimer) clearTimeout(catalogTimer)
  }
}

/** What the catalog views show of the workers: who scrapes which brand, and products saved. */
function workersActivity(workers: readonly WorkerRecord[]): string {
  return workers
    .map((w) => `${w.id}:${w.current_brand ?? ''}:${w.progress?.productsFound ?? ''}`)
    .sort()
    .join('|')
}
