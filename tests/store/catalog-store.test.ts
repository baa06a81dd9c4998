import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExtractedProduct } from '../../src/shared/product'
import { CatalogStore } from '../../src/store/catalog-store'
import { StoreError } from '../../src/store/store-error'
import { loadSeedBrands } from '../../src/store/seed-brands'
import { makeTempDir } from '../support/temp-dir'

function product(overrides: Partial<ExtractedProduct> = {}): ExtractedProduct {
  return {
    name: 'Rokit 5 G4',
    brand: 'KRK',
    sku: 'RP5G4',
    mpn: null,
    gtin: null,
    price: 199,
    currency: 'USD',
    availability: 'InStock',
    description: 'Studio monitor with DSP-driven graphic EQ',
    category: 'Monitors > Studio',
    images: ['https://example.test/rokit.jpg'],
    specs: { Woofer: '5 inch Kevlar' },
    raw: { '@type': 'Product' },
    ...overrides
  }
}

let temp: ReturnType<typeof makeTempDir>
let store: CatalogStore

beforeEach(() => {
  temp = makeTempDir()
  store = CatalogStore.open(join(temp.dir, 'catalog.db'))
})
afterEach(() => {
  store.close()
  temp.cleanup()
})

describe('CatalogStore', () => {
  it('creates a WAL database with foreign keys and a versioned schema', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(store.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1)
    // Reopening an up-to-date file applies nothing and keeps the data.
    store.brands.add({ name: 'KRK Systems', website: 'https://www.krkmusic.com/' })
    store.close()
    store = CatalogStore.open(join(temp.dir, 'catalog.db'))
    expect(store.brands.list().map((b) => b.name)).toEqual(['KRK Systems'])
  })

  it('refuses a database written by a newer schema, saying what to do', () => {
    store.db.pragma('user_version = 999')
    store.close()
    expect(() => CatalogStore.open(join(temp.dir, 'catalog.db'))).toThrow(/newer Brand Scraper/)
    store = CatalogStore.open(join(temp.dir, 'other.db'))
  })

  it('seeds a new catalog once from the bundled brand list of at least 20 real brands', () => {
    const seed = loadSeedBrands(join(__dirname, '../../resources/brands.json'))
    expect(seed.length).toBeGreaterThanOrEqual(20)
    expect(seed.map((b) => b.name)).toEqual(
      expect.arrayContaining(['KRK Systems', 'Allen & Heath'])
    )
    const file = join(temp.dir, 'seeded.db')
    const seeded = CatalogStore.open(file, { seedBrands: seed })
    expect(seeded.brands.count()).toBe(seed.length)
    for (const brand of seeded.brands.list()) seeded.brands.remove(brand.id)
    seeded.close()
    // A user who removed every brand does not get them back.
    const reopened = CatalogStore.open(file, { seedBrands: seed })
    expect(reopened.brands.count()).toBe(0)
    reopened.close()
  })

  it('keeps brand names unique regardless of case, and validates websites', () => {
    store.brands.add({ name: 'Allen & Heath', website: 'https://www.allen-heath.com/' })
    expect(() => store.brands.add({ name: 'allen & heath', website: 'https://x.test/' })).toThrow(
      StoreError
    )
    expect(() => store.brands.add({ name: 'Bad', website: 'ftp://x.test/' })).toThrow(/http/)
    expect(store.brands.findByName('ALLEN & HEATH')?.name).toBe('Allen & Heath')
  })

  it('queues enabled brands by priority, then never scraped, then oldest scrape', () => {
    const a = store.brands.add({ name: 'A', website: 'https://a.test/' })
    const b = store.brands.add({ name: 'B', website: 'https://b.test/' })
    const c = store.brands.add({ name: 'C', website: 'https://c.test/', enabled: false })
    store.brands.markScraped(a.id, 'succeeded', '2026-01-02T00:00:00.000Z')
    expect(store.brands.next()?.name).toBe('B')
    store.brands.markScraped(b.id, 'succeeded', '2026-01-01T00:00:00.000Z')
    expect(store.brands.next()?.name).toBe('B')
    store.brands.update(a.id, { priority: 5 })
    expect(store.brands.next()?.name).toBe('A')
    store.brands.update(c.id, { enabled: true, priority: 9 })
    expect(store.brands.next()?.name).toBe('C')
  })

  it('lets a continuous round reach every brand before a high-priority one comes again', () => {
    const a = store.brands.add({ name: 'A', website: 'https://a.test/', priority: 9 })
    store.brands.add({ name: 'B', website: 'https://b.test/' })
    const roundStart = '2026-01-01T00:00:00.000Z'
    store.brands.markScraped(a.id, 'succeeded', '2026-01-01T00:00:01.000Z')
    expect(store.brands.next()?.name).toBe('A')
    expect(store.brands.next({ scrapedBefore: roundStart })?.name).toBe('B')
  })

  it('counts new, updated and unchanged products by content hash', () => {
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'once')
    expect(store.products.save(brand.id, run.id, 'https://krk.test/p/1', product())).toBe('new')
    expect(store.products.save(brand.id, run.id, 'https://krk.test/p/1', product())).toBe(
      'unchanged'
    )
    // Raw markup is not what a user sees: a change there is not an update.
    expect(
      store.products.save(brand.id, run.id, 'https://krk.test/p/1', product({ raw: { x: 1 } }))
    ).toBe('unchanged')
    expect(
      store.products.save(brand.id, run.id, 'https://krk.test/p/1', product({ price: 179 }))
    ).toBe('updated')
    const saved = store.products.list({
      limit: 10,
      offset: 0,
      sort: 'name',
      order: 'asc',
      includeMissing: true
    })
    expect(saved.total).toBe(1)
    expect(saved.items[0]).toMatchObject({
      price: 179,
      images: ['https://example.test/rokit.jpg'],
      specs: { Woofer: '5 inch Kevlar' },
      brandName: 'KRK'
    })
  })

  it('flags products a complete run did not see as missing, and keeps them', () => {
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const first = store.runs.start(brand.id, 'once')
    store.products.save(brand.id, first.id, 'https://krk.test/p/1', product())
    store.products.save(brand.id, first.id, 'https://krk.test/p/2', product({ name: 'Rokit 7' }))
    const second = store.runs.start(brand.id, 'once')
    store.products.save(brand.id, second.id, 'https://krk.test/p/1', product())
    expect(store.products.markMissing(brand.id, second.id)).toBe(1)
    const all = store.products.list({
      limit: 10,
      offset: 0,
      sort: 'name',
      order: 'asc',
      includeMissing: true
    })
    expect(all.total).toBe(2)
    expect(all.items.find((p) => p.name === 'Rokit 7')?.missingSince).toMatch(/^\d{4}-/)
    // Seen again: no longer missing.
    store.products.save(brand.id, second.id, 'https://krk.test/p/2', product({ name: 'Rokit 7' }))
    expect(store.products.countForBrand(brand.id).missing).toBe(0)
  })

  it('finds products with full-text search, with prefixes and punctuation as text', () => {
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'once')
    store.products.save(brand.id, run.id, 'https://krk.test/1', product())
    store.products.save(
      brand.id,
      run.id,
      'https://krk.test/2',
      product({ name: 'KNS 8400 headphones', sku: 'KNS-8400', specs: { Driver: '40 mm' } })
    )
    const search = (q: string): string[] =>
      store.products
        .list({ q, limit: 10, offset: 0, sort: 'name', order: 'asc', includeMissing: true })
        .items.map((p) => p.name)
    expect(search('rokit')).toEqual(['Rokit 5 G4'])
    expect(search('head')).toEqual(['KNS 8400 headphones'])
    expect(search('KNS-8400')).toEqual(['KNS 8400 headphones'])
    expect(search('"unbalanced quote')).toEqual([])
    expect(search('kevlar')).toEqual(['Rokit 5 G4'])
  })

  it('marks runs left running as interrupted', () => {
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'continuous')
    const interrupted = store.runs.markInterrupted()
    expect(interrupted.map((r) => r.id)).toEqual([run.id])
    expect(store.runs.get(run.id)?.status).toBe('interrupted')
    expect(store.brands.get(brand.id)?.lastStatus).toBe('interrupted')
  })

  it('caps the log at its retention size, keeping the newest lines', () => {
    store.close()
    store = CatalogStore.open(join(temp.dir, 'logs.db'), { retain: 100 })
    for (let i = 0; i < 250; i++) {
      store.logs.add({
        time: new Date().toISOString(),
        level: i % 2 ? 'info' : 'error',
        source: 'worker',
        brand: i % 5 ? 'KRK' : null,
        runId: null,
        message: `line ${i}`
      })
    }
    store.logs.prune()
    const all = store.logs.list({ limit: 1000 })
    expect(all.length).toBe(100)
    expect(all.at(-1)?.message).toBe('line 249')
    expect(store.logs.list({ limit: 1000, level: 'error' }).every((l) => l.level === 'error')).toBe(
      true
    )
    expect(store.logs.list({ limit: 1000, q: 'line 24' }).map((l) => l.message)).toContain(
      'line 248'
    )
    const after = store.logs.list({ limit: 5, after: all.at(-3)!.id })
    expect(after.map((l) => l.message)).toEqual(['line 248', 'line 249'])
  })
})
