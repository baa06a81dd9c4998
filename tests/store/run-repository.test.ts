import { describe, expect, it } from 'vitest'
import { useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

describe('RunRepository', () => {
  it('marks runs left running as interrupted', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'continuous')
    const interrupted = store.runs.markInterrupted()
    expect(interrupted.map((r) => r.id)).toEqual([run.id])
    expect(store.runs.get(run.id)?.status).toBe('interrupted')
    expect(store.brands.get(brand.id)?.lastStatus).toBe('interrupted')
  })

  it('saves counts and finishes a run, recording it on its brand', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'brand')
    expect(run).toMatchObject({ brandName: 'KRK', trigger: 'brand', status: 'running' })
    const counts = {
      pagesVisited: 7,
      productsFound: 5,
      productsNew: 2,
      productsUpdated: 1,
      productsUnchanged: 2,
      productsMissing: 1,
      errorCount: 3
    }
    store.runs.saveCounts(run.id, counts)
    const finished = store.runs.finish(run.id, 'succeeded', '5 products')
    expect(finished).toMatchObject({ ...counts, status: 'succeeded', message: '5 products' })
    expect(finished.endedAt).toMatch(/^\d{4}-/)
    expect(store.brands.get(brand.id)).toMatchObject({
      lastStatus: 'succeeded',
      lastScrapedAt: finished.endedAt
    })
    // A finished run is no longer one to mark interrupted.
    expect(store.runs.markInterrupted()).toEqual([])
  })

  it('lists runs newest first, per brand or all, and finds a brand’s last run', () => {
    const { store } = catalog
    const a = store.brands.add({ name: 'A', website: 'https://a.test/' })
    const b = store.brands.add({ name: 'B', website: 'https://b.test/' })
    const first = store.runs.start(a.id, 'once')
    const second = store.runs.start(b.id, 'once')
    const third = store.runs.start(a.id, 'once')
    expect(store.runs.list({ limit: 10 }).map((r) => r.id)).toEqual([third.id, second.id, first.id])
    expect(store.runs.list({ brandId: a.id, limit: 1 }).map((r) => r.id)).toEqual([third.id])
    expect(store.runs.lastForBrand(b.id)?.id).toBe(second.id)
  })
})
