import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/store/catalog-store'
import { loadSeedBrands } from '../../src/store/seed-brands'
import { sampleProduct, useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

describe('CatalogStore', () => {
  it('creates a WAL database with foreign keys and a versioned schema', () => {
    const { store } = catalog
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1)
    // Reopening an up-to-date file applies nothing and keeps the data.
    store.brands.add({ name: 'KRK Systems', website: 'https://www.krkmusic.com/' })
    const reopened = catalog.reopen()
    expect(reopened.brands.list().map((b) => b.name)).toEqual(['KRK Systems'])
  })

  it('refuses a database written by a newer schema, saying what to do', () => {
    catalog.store.db.pragma('user_version = 999')
    catalog.store.close()
    expect(() => CatalogStore.open(join(catalog.dir, 'catalog.db'))).toThrow(/newer Brand Scraper/)
    catalog.reopen('other.db')
  })

  it('seeds a new catalog once from the bundled brand list of at least 20 real brands', () => {
    const seed = loadSeedBrands(join(__dirname, '../../resources/brands.json'))
    expect(seed.length).toBeGreaterThanOrEqual(20)
    expect(seed.map((b) => b.name)).toEqual(
      expect.arrayContaining(['KRK Systems', 'Allen & Heath'])
    )
    const file = join(catalog.dir, 'seeded.db')
    const seeded = CatalogStore.open(file, { seedBrands: seed })
    expect(seeded.brands.count()).toBe(seed.length)
    for (const brand of seeded.brands.list()) seeded.brands.remove(brand.id)
    seeded.close()
    // A user who removed every brand does not get them back.
    const reopened = CatalogStore.open(file, { seedBrands: seed })
    expect(reopened.brands.count()).toBe(0)
    reopened.close()
  })

  it('does not seed a catalog that already has brands', () => {
    catalog.store.brands.add({ name: 'Mine', website: 'https://mine.test/' })
    const reopened = catalog.reopen('catalog.db', {
      seedBrands: [{ name: 'Seeded', website: 'https://seeded.test/' }]
    })
    expect(reopened.brands.list().map((b) => b.name)).toEqual(['Mine'])
  })

  it('reports ingestion status per brand: its counts and its last run', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    store.brands.add({ name: 'Shure', website: 'https://shure.test/', enabled: false })
    const run = store.runs.start(krk.id, 'once')
    store.products.save(krk.id, run.id, 'https://krk.test/1', sampleProduct())
    store.products.save(krk.id, run.id, 'https://krk.test/2', sampleProduct({ name: 'Rokit 7' }))
    store.runs.finish(run.id, 'succeeded', null)
    const status = store.ingestionStatus()
    expect(status.find((row) => row.brand === 'KRK')).toMatchObject({
      brandId: krk.id,
      enabled: true,
      totalProducts: 2,
      missingProducts: 0,
      lastRun: { id: run.id, status: 'succeeded' }
    })
    expect(status.find((row) => row.brand === 'Shure')).toMatchObject({
      enabled: false,
      totalProducts: 0,
      lastRun: null
    })
  })
})
