import type { Api, ApiEvents } from '../../../src/shared/api-contract'
import { ApiError } from '../../../src/shared/api-error'
import type { BrandSummary } from '../../../src/shared/brand'
import type { WorkerRecord } from '../../../src/shared/worker-record'
import {
  idleWorkerStatus,
  type WorkerProgress,
  type WorkerStatus
} from '../../../src/shared/worker-status'

/** A recorded call of the fake API. */
export interface FakeCall {
  method: string
  request: unknown
}

/**
 * An in-memory {@link Api} for tests of pure UI logic (what a component shows for a state, which
 * request a click makes). Everything that needs the real coordinator is tested end to end.
 */
export function createFakeApi(
  initial: { brands?: BrandSummary[]; status?: WorkerStatus; workers?: WorkerRecord[] } = {}
): {
  api: Api
  calls: FakeCall[]
  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void
} {
  const calls: FakeCall[] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let brands = initial.brands ?? []
  let status = initial.status ?? idleWorkerStatus
  let workers = initial.workers ?? []
  const record =
    <T>(method: string, answer: (request: never) => T) =>
    async (request?: unknown): Promise<T> => {
      calls.push({ method, request })
      return answer(request as never)
    }
  const api = {
    worker: {
      start: record('worker.start', (r: { mode: 'continuous' | 'once' }) => {
        status = { ...status, is_running: true, state: 'running', pid: 42, mode: r.mode }
        return { status: 'started' as const, pid: 42, pids: [42], mode: r.mode }
      }),
      stop: record('worker.stop', () => ({ status: 'stopping' as const })),
      status: record('worker.status', () => status),
      scrapeBrand: record('worker.scrapeBrand', (r: { brand: string }) => ({
        status: 'started' as const,
        pid: 42,
        brand: r.brand
      }))
    },
    workers: {
      list: record('workers.list', () => ({ workers })),
      stop: record('workers.stop', (r: { id: string }) => {
        const worker = workers.find((w) => w.id === r.id)
        if (!worker) throw new ApiError('not_found', `No worker ${r.id} on this catalog.`)
        workers = workers.map((w) => (w.id === r.id ? { ...w, stop_requested: true } : w))
        return { status: 'stopping' as const, id: r.id }
      })
    },
    brands: {
      list: record('brands.list', () => brands),
      add: record('brands.add', (r: { name: string; website: string }) => {
        // A new id, as the catalog gives: the table keys its rows by id.
        const brand = brandSummary(Math.max(0, ...brands.map((b) => b.id)) + 1, r.name, {
          website: r.website
        })
        brands = [...brands, brand]
        return brand
      }),
      update: record('brands.update', () => brands[0]!),
      remove: record('brands.remove', (r: { id: number }) => {
        brands = brands.filter((b) => b.id !== r.id)
        return { removed: true as const }
      }),
      import: record('brands.import', () => ({ added: 0, updated: 0 }))
    },
    products: {
      list: record('products.list', () => ({ items: [], total: 0 })),
      get: record('products.get', () => {
        throw new Error('no product')
      }),
      export: record('products.export', () => ({
        filename: 'products.csv',
        mimeType: 'text/csv',
        content: '',
        count: 0
      }))
    },
    runs: { list: record('runs.list', () => []) },
    logs: {
      list: record('logs.list', () => []),
      file: record('logs.file', () => ({ path: '/tmp/brand-scraper.log' })),
      openFile: record('logs.openFile', () => ({ opened: false, path: '/tmp/brand-scraper.log' }))
    },
    ingestion: { status: record('ingestion.status', () => []) },
    on(event: string, listener: (payload: unknown) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    }
  } as unknown as Api
  return {
    api,
    calls,
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    }
  }
}

/** A brand as the API lists it. */
export function brandSummary(
  id: number,
  name: string,
  extra: Partial<BrandSummary> = {}
): BrandSummary {
  return {
    id,
    name,
    website: `https://${name.toLowerCase().replace(/\W+/g, '')}.example/`,
    enabled: true,
    priority: 0,
    settings: {},
    lastScrapedAt: null,
    lastStatus: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    nextDueAt: null,
    productCount: 0,
    lastRun: null,
    claimedBy: null,
    ...extra
  }
}

/** A worker as the registry lists it: a continuous worker on this host, between brands. */
export function workerRecord(id: string, extra: Partial<WorkerRecord> = {}): WorkerRecord {
  return {
    id,
    pid: 4242,
    host: 'studio',
    mode: 'continuous',
    state: 'running',
    current_brand: null,
    progress: null,
    next_brand: null,
    next_brand_at: null,
    started_at: '2026-01-01T00:00:00.000Z',
    heartbeat_at: '2026-01-01T00:00:00.000Z',
    stop_requested: false,
    ...extra
  }
}

/** A run of KRK Systems a quarter through: 10 of 40 pages visited, 7 new products, no error. */
export function workerProgress(extra: Partial<WorkerProgress> = {}): WorkerProgress {
  return {
    brand: 'KRK Systems',
    runId: 1,
    pagesDiscovered: 40,
    pagesVisited: 10,
    productsFound: 7,
    productsNew: 7,
    productsUpdated: 0,
    errorCount: 0,
    currentUrl: null,
    startedAt: '2026-01-01T00:00:00.000Z',
    ...extra
  }
}
