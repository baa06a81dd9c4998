import { describe, expect, it } from 'vitest'
import { StoreError } from '../../src/store/store-error'
import { sampleProduct, useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

describe('BrandRepository', () => {
  it('keeps brand names unique regardless of case, and validates websites', () => {
    const { store } = catalog
    store.brands.add({ name: 'Allen & Heath', website: 'https://www.allen-heath.com/' })
    expect(() => store.brands.add({ name: 'allen & heath', website: 'https://x.test/' })).toThrow(
      StoreError
    )
    expect(() => store.brands.add({ name: 'Bad', website: 'ftp://x.test/' })).toThrow(/http/)
    expect(store.brands.findByName('ALLEN & HEATH')?.name).toBe('Allen & Heath')
  })

  it('moves a brand’s next due time when its refresh interval changes, from its last success', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    expect(krk.nextDueAt).toBeNull()
    const run = store.runs.finish(store.runs.start(krk.id, 'once').id, 'succeeded', null)
    const hours = (brand = store.brands.get(krk.id)!): number =>
      (Date.parse(brand.nextDueAt!) - Date.parse(run.endedAt!)) / 3_600_000
    expect(hours()).toBe(24)
    store.brands.update(krk.id, { settings: { refreshHours: 6 } })
    expect(hours()).toBe(6)
    // Other edits leave it where it is.
    store.brands.update(krk.id, { priority: 3 })
    expect(hours()).toBe(6)
    // A brand that never succeeded stays at the head of the queue.
    const off = store.brands.add({ name: 'Off', website: 'https://off.test/' })
    store.brands.update(off.id, { settings: { refreshHours: 2 } })
    expect(store.brands.get(off.id)?.nextDueAt).toBeNull()
  })

  it('names the known brands when a brand is unknown', () => {
    const { store } = catalog
    expect(() => store.brands.requireByName('Nobody')).toThrow(/no brands yet/)
    store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    expect(() => store.brands.requireByName('Nobody')).toThrow(
      /Unknown brand "Nobody"\. Known brands include KRK;/
    )
    expect(store.brands.requireByName('krk').name).toBe('KRK')
  })

  it('imports all or nothing: adds new brands, updates known ones, names a bad one', () => {
    const { store } = catalog
    store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    expect(
      store.brands.importMany([
        { name: 'krk', website: 'https://krk2.test/', priority: 3 },
        { name: 'Shure', website: 'https://shure.test/' }
      ])
    ).toEqual({ added: 1, updated: 1 })
    expect(store.brands.findByName('KRK')).toMatchObject({
      website: 'https://krk2.test/',
      priority: 3
    })
    const bad = (): unknown =>
      store.brands.importMany([
        { name: 'Neumann', website: 'https://neumann.test/' },
        { name: 'Broken', website: 'not-a-url' }
      ])
    expect(bad).toThrow(StoreError)
    expect(bad).toThrow(/^Brand 2 \(website\)/)
    expect(store.brands.findByName('Neumann')).toBeUndefined()
  })

  it('removes a brand with its products and runs, and lists summaries with counts', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(krk.id, 'once')
    store.products.save(krk.id, run.id, 'https://krk.test/1', sampleProduct())
    expect(store.brands.summary(krk.id)).toMatchObject({
      productCount: 1,
      lastRun: { id: run.id, status: 'running', brandName: 'KRK' }
    })
    store.brands.remove(krk.id)
    expect(store.products.countForBrand(krk.id).total).toBe(0)
    expect(store.runs.get(run.id)).toBeUndefined()
    expect(() => store.brands.remove(krk.id)).toThrow(StoreError)
  })

  it('remembers which fetch strategy worked for a brand', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    expect(store.brands.fetchStrategy(krk.id)).toBeNull()
    store.brands.rememberFetchStrategy(krk.id, 'browser')
    expect(store.brands.fetchStrategy(krk.id)).toBe('browser')
  })
})
