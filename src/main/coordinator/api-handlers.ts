import type { ApiHandlers } from '../../shared/api-contract'
import { ApiError } from '../../shared/api-error'
import type { LogLevel } from '../../shared/log-entry'
import type { StartMode } from '../../shared/worker-mode'
import type { WorkerStatus } from '../../shared/worker-status'
import { parseBrandList } from '../../store/brand-import'
import type { CatalogStore } from '../../store/catalog-store'
import { formatProducts } from '../../store/product-export'

/** What the API handlers act on: the coordinator, as the handlers see it. */
export interface ApiHandlerContext {
  readonly store: CatalogStore
  readonly status: WorkerStatus
  /** A worker process runs now. */
  readonly workerRunning: boolean
  /** No worker runs and none is about to be restarted. */
  readonly idle: boolean
  /** Starts `workers` processes sharing the queue; returns their pids. */
  start(mode: StartMode, delay: number, workers: number): number[]
  scrapeBrand(name: string): { pid: number | null; brand: string }
  stop(): Promise<unknown>
  /** Asks any worker on the catalog to stop; `not_found` for an unknown one. */
  stopWorker(id: string): { status: 'stopping'; id: string }
  log(level: LogLevel, message: string, brand?: string | null): void
  /** Where the log file is written. Default: none. */
  readonly logFile?: string
  /** Opens a file in the desktop's default app; false when it could not. Default: none. */
  readonly openPath?: (path: string) => Promise<boolean>
}

/** The export's file name: `products.csv`, or `products-allen-heath.json` for one brand. */
export function exportFileName(brand: string | undefined, format: 'csv' | 'json'): string {
  const stem = `products${brand ? `-${brand.replace(/[^\w-]+/g, '-').toLowerCase()}` : ''}`
  return `${stem}.${format}`
}

/** Every method of the API contract, answered from the catalog and the coordinator. */
export function createApiHandlers(context: ApiHandlerContext): ApiHandlers {
  const { store } = context
  const brandIdOf = (name: string | undefined): number | undefined =>
    name ? store.brands.requireByName(name).id : undefined
  return {
    worker: {
      start: ({ mode, delay, workers }) => {
        const pids = context.start(mode, delay, workers)
        return { status: 'started', pid: pids[0] ?? null, pids, mode }
      },
      stop: async () => {
        if (context.idle) return { status: 'not_running' }
        // Answered at once: the stop itself can take the worker's whole grace period.
        void context.stop()
        return { status: 'stopping' }
      },
      status: () => context.status,
      scrapeBrand: ({ brand }) => ({ status: 'started', ...context.scrapeBrand(brand) })
    },
    workers: {
      list: () => ({ workers: store.workers.list() }),
      stop: ({ id }) => context.stopWorker(id)
    },
    brands: {
      list: () => store.brands.list(),
      add: (input) => {
        const brand = store.brands.add(input)
        context.log('info', `Added brand ${brand.name} (${brand.website}).`, brand.name)
        return store.brands.summary(brand.id)
      },
      update: ({ id, patch }) => store.brands.summary(store.brands.update(id, patch).id),
      remove: ({ id }) => {
        const brand = store.brands.get(id)
        const holder = brand && store.claims.holder(brand.id)
        if (holder) {
          throw new ApiError(
            'conflict',
            `${brand.name} is being scraped now by worker ${holder.id} (pid ${holder.pid} on ${holder.host}); stop it first.`
          )
        }
        if (brand && context.workerRunning && context.status.current_brand === brand.name) {
          throw new ApiError(
            'conflict',
            `${brand.name} is being scraped now; stop the worker first.`
          )
        }
        store.brands.remove(id)
        if (brand) context.log('info', `Removed brand ${brand.name} and its products.`, brand.name)
        return { removed: true }
      },
      import: ({ format, content }) => {
        const result = store.brands.importMany(parseBrandList(content, format))
        context.log('info', `Imported brands: ${result.added} added, ${result.updated} updated.`)
        return result
      }
    },
    products: {
      list: (request) =>
        store.products.list({
          brandId: brandIdOf(request.brand),
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
        const products = [...store.products.iterate({ brandId: brandIdOf(brand), q })]
        return {
          filename: exportFileName(brand, format),
          mimeType: format === 'csv' ? 'text/csv' : 'application/json',
          content: formatProducts(products, format),
          count: products.length
        }
      }
    },
    runs: {
      list: ({ brand, limit }) => store.runs.list({ brandId: brandIdOf(brand), limit })
    },
    logs: {
      list: (query) => store.logs.list(query),
      file: () => ({ path: context.logFile ?? '' }),
      openFile: async () => {
        const path = context.logFile ?? ''
        const opened = Boolean(path && context.openPath && (await context.openPath(path)))
        return { opened, path }
      }
    },
    ingestion: {
      status: () => store.ingestionStatus()
    }
  }
}
