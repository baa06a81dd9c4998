import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compareStreamIds } from '../../src/queue/result-stream'
import type { RemoteEntry } from '../../src/shared/worker-protocol'
import { CatalogStore } from '../../src/store/catalog-store'
import { QueueIngest, type IngestEntry } from '../../src/store/queue-ingest'
import { makeTempDir } from '../support/temp-dir'
import { bareProduct } from '../support/bare-product'

const isAfter = (a: string, b: string): boolean => compareStreamIds(a, b) > 0
const worker = { workerId: 'far-1-abcd', host: 'far', pid: 1 }

let temp: ReturnType<typeof makeTempDir>
let store: CatalogStore
let brandId: number

beforeEach(() => {
  temp = makeTempDir('brand-scraper-queue-ingest-')
  store = CatalogStore.open(join(temp.dir, 'catalog.db'))
  brandId = store.brands.add({ name: 'Atlas', website: 'https://atlas.example' }).id
})

afterEach(() => {
  store.close()
  temp.cleanup()
})

function entries(...list: RemoteEntry[]): IngestEntry[] {
  return list.map((entry, i) => ({ id: `1000-${i}`, entry }))
}

const started = (attemptId: string): Extract<RemoteEntry, { type: 'run-started' }> => ({
  type: 'run-started',
  ...worker,
  attemptId,
  brandId,
  startedAt: new Date().toISOString(),
  leaseMs: 15_000
})

const product = (attemptId: string, n: number): RemoteEntry => ({
  type: 'product',
  attemptId,
  url: `https://atlas.example/p/${n}`,
  product: bareProduct(`Amp ${n}`)
})

describe('QueueIngest', () => {
  it('starts a run for an attempt, saves its products and ends it, registering the worker', () => {
    const ingest = new QueueIngest(store, 'results')
    const outcome = ingest.commit(
      entries(started('a1'), product('a1', 1), product('a1', 2), {
        type: 'run-finished',
        attemptId: 'a1',
        status: 'succeeded',
        message: null,
        complete: true,
        progress: {
          pagesDiscovered: 3,
          pagesVisited: 3,
          productsFound: 2,
          errorCount: 0,
          deadLinks: 0,
          currentUrl: null
        }
      }),
      isAfter
    )
    expect(outcome).toMatchObject({ products: 2, dropped: [] })
    const [run] = store.runs.list({ limit: 5 })
    expect(run).toMatchObject({
      status: 'succeeded',
      productsFound: 2,
      productsNew: 2,
      pagesVisited: 3,
      workerId: worker.workerId
    })
    expect(store.workers.get(worker.workerId)).toMatchObject({ host: 'far', pid: 1 })
    expect(ingest.lastEntryId()).toBe('1000-3')
  })

  it('skips a batch read again after a crash, and a product delivered twice', () => {
    const ingest = new QueueIngest(store, 'results')
    const batch = entries(started('a1'), product('a1', 1))
    ingest.commit(batch, isAfter)
    expect(ingest.commit(batch, isAfter)).toMatchObject({ skipped: 2, products: 0 })
    // The same product again under a new stream id: a client resent it.
    const resent = ingest.commit([{ id: '2000-0', entry: product('a1', 1) }], isAfter)
    expect(resent.products).toBe(0)
    expect(store.runs.list({ limit: 5 })[0]).toMatchObject({ productsFound: 1 })
    expect(store.products.countForBrand(brandId).total).toBe(1)
  })

  it('drops an entry it cannot apply alone, keeping the rest of the batch', () => {
    const ingest = new QueueIngest(store, 'results')
    const outcome = ingest.commit(
      entries(
        product('unknown', 1),
        { ...started('a2'), brandId: 999 },
        started('a1'),
        product('a1', 2)
      ),
      isAfter
    )
    expect(outcome.dropped).toHaveLength(2)
    expect(outcome.dropped[0]).toMatch(/no run started for attempt unknown/)
    expect(outcome.dropped[1]).toMatch(/brand 999 is not in the catalog/)
    expect(outcome.products).toBe(1)
    expect(store.products.countForBrand(brandId).total).toBe(1)
  })

  it('interrupts the run of an attempt whose job another worker took over', () => {
    const ingest = new QueueIngest(store, 'results')
    ingest.commit(entries(started('a1'), product('a1', 1)), isAfter)
    const outcome = ingest.commit(
      [{ id: '2000-0', entry: { ...started('a2'), workerId: 'near-2-efgh', host: 'near' } }],
      isAfter
    )
    expect(outcome.interrupted).toHaveLength(1)
    expect(outcome.interrupted[0]).toMatchObject({ status: 'interrupted', productsFound: 1 })
    expect(outcome.interrupted[0]!.message).toMatch(/taken over by worker near-2-efgh on near/)
  })
})
