import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/store/catalog-store'
import { migrations } from '../../src/store/migrations'
import { makeTempDir } from '../support/temp-dir'
import { claimAll, sampleProduct, sampleProductHash } from './catalog-fixtures'

let temp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  temp = makeTempDir()
})
afterEach(() => temp.cleanup())

/** A catalog file as a Brand Scraper that knew only the first `version` migrations left it. */
function catalogAtVersion(version: number, fill: (db: Database.Database) => void): string {
  const file = join(temp.dir, `catalog-v${version}.db`)
  const db = new Database(file)
  for (const migration of migrations.slice(0, version)) db.exec(migration)
  db.pragma(`user_version = ${version}`)
  fill(db)
  db.close()
  return file
}

describe('migrations', () => {
  it('bring a new catalog to the latest schema', () => {
    const store = CatalogStore.open(join(temp.dir, 'new.db'))
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const columns = store.db.pragma('table_info(products)') as { name: string }[]
    expect(columns.map((column) => column.name)).toContain('stated_brand')
    expect(columns.map((column) => column.name)).not.toContain('brand')
    store.close()
  })

  it('move a version-1 catalog forward without losing a product, its search or its hash', () => {
    const product = sampleProduct({ statedBrand: 'KRK' })
    const file = catalogAtVersion(1, (db) => {
      db.prepare(
        `INSERT INTO brands (id, name, website, created_at) VALUES (1, 'Sweetwater', ?, ?)`
      ).run('https://sweetwater.test/', '2026-01-01T00:00:00.000Z')
      db.prepare(
        `INSERT INTO products (brand_id, url, name, brand, sku, price, currency, availability,
           description, category, images, specs, content_hash, first_seen_at, last_seen_at,
           last_changed_at, last_run_id)
         VALUES (1, 'https://sweetwater.test/krk', ?, 'KRK', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`
      ).run(
        product.name,
        product.sku,
        product.price,
        product.currency,
        product.availability,
        product.description,
        product.category,
        JSON.stringify(product.images),
        JSON.stringify(product.specs),
        sampleProductHash,
        '2026-01-01T00:00:00.000Z',
        '2026-01-02T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z'
      )
    })
    const store = CatalogStore.open(file)
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length)
      const { items } = store.products.list({
        q: 'kevlar',
        limit: 10,
        offset: 0,
        sort: 'name',
        order: 'asc',
        includeMissing: true
      })
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({
        name: 'Rokit 5 G4',
        statedBrand: 'KRK',
        brandName: 'Sweetwater',
        specs: { Woofer: '5 inch Kevlar' },
        firstSeenAt: '2026-01-01T00:00:00.000Z'
      })
      // The same page scraped again after the upgrade is unchanged, not an update.
      const run = store.runs.start(1, 'once')
      expect(store.products.save(1, run.id, 'https://sweetwater.test/krk', product)).toBe(
        'unchanged'
      )
      // The full-text triggers still work on the renamed table.
      store.products.save(1, run.id, 'https://sweetwater.test/krk', { ...product, name: 'Rokit 8' })
      expect(
        store.products
          .list({
            q: 'rokit 8',
            limit: 10,
            offset: 0,
            sort: 'name',
            order: 'asc',
            includeMissing: true
          })
          .items.map((item) => item.statedBrand)
      ).toEqual(['KRK'])
    } finally {
      store.close()
    }
  })
  it('move a version-2 catalog to many workers: runs and products kept, due times backfilled', () => {
    const at = '2026-02-01T08:00:00.000Z'
    const file = catalogAtVersion(2, (db) => {
      const brand = db.prepare(
        `INSERT INTO brands (id, name, website, priority, last_scraped_at, last_status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`
      )
      brand.run(1, 'Done', 'https://done.test/', 0, at, 'succeeded', at)
      brand.run(2, 'Broken', 'https://broken.test/', 0, at, 'failed', at)
      brand.run(3, 'Cut', 'https://cut.test/', 0, at, 'interrupted', at)
      brand.run(4, 'Fresh', 'https://fresh.test/', 7, null, null, at)
      db.prepare(
        `INSERT INTO runs (id, brand_id, trigger, status, started_at, ended_at, pages_visited,
           products_found, error_count, message)
         VALUES (10, 1, 'once', 'succeeded', ?, ?, 12, 1, 2, NULL),
                (11, 3, 'continuous', 'running', ?, NULL, 3, 0, 0, NULL)`
      ).run(at, at, at)
      db.prepare(
        `INSERT INTO products (brand_id, url, name, stated_brand, images, specs, content_hash,
           first_seen_at, last_seen_at, last_changed_at, last_run_id)
         VALUES (1, 'https://done.test/p', 'Rokit 5', 'KRK', '[]', '{}', 'hash', ?, ?, ?, 10)`
      ).run(at, at, at)
    })
    const store = CatalogStore.open(file)
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.length)
      const due = (id: number): string | null | undefined => store.brands.get(id)?.nextDueAt
      expect(due(1)).toBe('2026-02-02T08:00:00.000Z')
      expect(due(2)).toBe('2026-02-01T09:00:00.000Z')
      expect(due(3)).toBeNull()
      expect(due(4)).toBeNull()
      expect(store.runs.get(10)).toMatchObject({
        status: 'succeeded',
        pagesVisited: 12,
        errorCount: 2,
        deadLinks: 0,
        workerId: null
      })
      expect(store.products.countForBrand(1)).toEqual({ total: 1, missing: 0 })
      expect(store.workers.list()).toEqual([])
      // The run an older worker left running belongs to no registered worker: reaped as such.
      expect(store.workers.reap().orphaned.map((run) => run.id)).toEqual([11])
      expect(store.runs.get(11)?.status).toBe('interrupted')
      // Never-finished brands first (by priority), then the earliest due.
      expect(claimAll(store, 'w')).toEqual(['Fresh', 'Cut', 'Broken', 'Done'])
    } finally {
      store.close()
    }
  })
})
