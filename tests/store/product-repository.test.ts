import { afterEach, describe, expect, it, vi } from 'vitest'
import { productFields, productRecordSchema } from '../../src/shared/product'
import {
  productContentHash,
  toFtsQuery,
  type ProductQuery
} from '../../src/store/product-repository'
import { sampleProduct, sampleProductHash, useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

afterEach(() => {
  vi.useRealTimers()
})

/** Sets the clock (Date only) to `time` on 2026-03-01, so runs and sightings have distinct times. */
function at(time: string): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(`2026-03-01T${time}Z`))
}

const everything: ProductQuery = {
  limit: 10,
  offset: 0,
  sort: 'name',
  order: 'asc',
  includeMissing: true
}

describe('ProductRepository', () => {
  it('saves a URL once per run with saveOnce: the same again in the run is left alone', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const first = store.runs.start(brand.id, 'once')
    const url = 'https://krk.test/p/1'
    expect(store.products.saveOnce(brand.id, first.id, url, sampleProduct())).toBe('new')
    const resent = sampleProduct({ price: 1 })
    expect(store.products.saveOnce(brand.id, first.id, url, resent)).toBeNull()
    expect(store.products.list(everything).items[0]!.price).toBe(sampleProduct().price)
    store.runs.finish(first.id, 'succeeded', null)
    const second = store.runs.start(brand.id, 'once')
    expect(store.products.saveOnce(brand.id, second.id, url, resent)).toBe('updated')
    expect(store.products.saveOnce(brand.id, second.id, url, resent)).toBeNull()
    expect(store.products.list(everything).items[0]!.price).toBe(1)
  })

  it('counts new, updated and unchanged products by content hash', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'once')
    const product = sampleProduct
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

  it('stores every product field and reads back a whole record, the page’s brand apart', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'Sweetwater', website: 'https://sweetwater.test/' })
    const run = store.runs.start(brand.id, 'once')
    const product = sampleProduct({ mpn: 'M-1', gtin: '0123456789012', statedBrand: 'KRK' })
    store.products.save(brand.id, run.id, 'https://sweetwater.test/krk', product)
    const [listed] = store.products.list(everything).items
    const { raw: _raw, ...fields } = product
    expect(listed).toMatchObject({ ...fields, brandId: brand.id, brandName: 'Sweetwater' })
    // The record is exactly the shared shape: no raw markup, no stray columns.
    expect(productRecordSchema.strict().parse(listed)).toEqual(listed)
    expect(store.products.get(listed!.id)).toEqual(listed)
    expect(listed!.firstSeenAt).toBe(listed!.lastChangedAt)
    expect(listed!.missingSince).toBeNull()
    // An update rewrites every field, the stated brand too.
    const changed = sampleProduct({ statedBrand: null, images: [], specs: {}, price: null })
    expect(store.products.save(brand.id, run.id, 'https://sweetwater.test/krk', changed)).toBe(
      'updated'
    )
    expect(store.products.get(listed!.id)).toMatchObject({
      statedBrand: null,
      images: [],
      specs: {},
      price: null
    })
    expect(store.products.get(9999)).toBeUndefined()
  })

  it('flags products a complete run did not see as missing, and keeps them', () => {
    const { store } = catalog
    const product = sampleProduct
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    at('10:00:00.000')
    const first = store.runs.start(brand.id, 'once')
    store.products.save(brand.id, first.id, 'https://krk.test/p/1', product())
    store.products.save(brand.id, first.id, 'https://krk.test/p/2', product({ name: 'Rokit 7' }))
    at('11:00:00.000')
    const second = store.runs.start(brand.id, 'once')
    store.products.save(brand.id, second.id, 'https://krk.test/p/1', product())
    expect(store.products.markMissing(brand.id, second.startedAt)).toBe(1)
    const all = store.products.list({
      limit: 10,
      offset: 0,
      sort: 'name',
      order: 'asc',
      includeMissing: true
    })
    expect(all.total).toBe(2)
    expect(all.items.find((p) => p.name === 'Rokit 7')?.missingSince).toMatch(/^\d{4}-/)
    expect(store.products.list({ ...everything, includeMissing: false }).total).toBe(1)
    // Seen again: no longer missing.
    store.products.save(brand.id, second.id, 'https://krk.test/p/2', product({ name: 'Rokit 7' }))
    expect(store.products.countForBrand(brand.id).missing).toBe(0)
  })

  it('flags only products no run saw since this run started: another run’s sighting counts', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const url = (n: number): string => `https://krk.test/p/${n}`
    at('10:00:00.000')
    const earlier = store.runs.start(brand.id, 'once')
    for (const n of [1, 2, 3]) {
      store.products.save(brand.id, earlier.id, url(n), sampleProduct({ name: `Rokit ${n}` }))
    }
    // Two overlapping runs (as two workers before claims made them): each sees part of the site.
    at('11:00:00.000')
    const mine = store.runs.start(brand.id, 'once', 'worker-a')
    at('11:00:00.001')
    const theirs = store.runs.start(brand.id, 'once', 'worker-b')
    at('11:00:05.000')
    store.products.save(brand.id, theirs.id, url(2), sampleProduct({ name: 'Rokit 2' }))
    at('11:00:06.000')
    store.products.save(brand.id, mine.id, url(1), sampleProduct({ name: 'Rokit 1' }))
    at('11:01:00.000')
    expect(store.products.markMissing(brand.id, mine.startedAt)).toBe(1)
    const missing = (): string[] =>
      store.products
        .list(everything)
        .items.filter((item) => item.missingSince !== null)
        .map((item) => item.name)
    expect(missing()).toEqual(['Rokit 3'])
    // The other run ends later: what the first one saw after it started counts as seen.
    expect(store.products.markMissing(brand.id, theirs.startedAt)).toBe(0)
    expect(missing()).toEqual(['Rokit 3'])
  })

  it('finds products with full-text search, with prefixes and punctuation as text', () => {
    const { store } = catalog
    const product = sampleProduct
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

  it('filters by brand, sorts, pages, and streams every product for an export', () => {
    const { store } = catalog
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const adam = store.brands.add({ name: 'Adam', website: 'https://adam.test/' })
    const run = store.runs.start(krk.id, 'once')
    for (const [brand, name, price] of [
      [krk, 'Rokit 7', 250],
      [krk, 'Rokit 5', 199],
      [adam, 'A7V', 400]
    ] as const) {
      store.products.save(
        brand.id,
        run.id,
        `https://x.test/${name}`,
        sampleProduct({ name, price })
      )
    }
    const names = (query: Partial<ProductQuery>): string[] =>
      store.products.list({ ...everything, ...query }).items.map((p) => p.name)
    expect(names({ brandId: krk.id })).toEqual(['Rokit 5', 'Rokit 7'])
    expect(names({ sort: 'price', order: 'desc' })).toEqual(['A7V', 'Rokit 7', 'Rokit 5'])
    expect(names({ sort: 'brand' })[0]).toBe('A7V')
    expect(names({ limit: 1, offset: 1 })).toEqual(['Rokit 5'])
    expect([...store.products.iterate({ brandId: krk.id })].map((p) => p.name)).toEqual([
      'Rokit 5',
      'Rokit 7'
    ])
    expect([...store.products.iterate({ q: 'a7v' })].map((p) => p.name)).toEqual(['A7V'])
  })
})

describe('productContentHash', () => {
  it('is the hash catalogs already hold, so renaming a field updates no stored product', () => {
    // Computed before `brand` became `statedBrand`: a changed hash would report every product
    // of every catalog as updated on its next run.
    expect(productContentHash(sampleProduct())).toBe(sampleProductHash)
  })

  it('changes with every field a user sees, and not with the raw markup', () => {
    const base = productContentHash(sampleProduct())
    expect(productContentHash(sampleProduct({ raw: null }))).toBe(base)
    const changed = {
      name: 'Other',
      statedBrand: 'Other',
      sku: 'X',
      mpn: 'X',
      gtin: 'X',
      price: 1,
      currency: 'EUR',
      availability: 'SoldOut',
      description: 'X',
      category: 'X',
      images: [],
      specs: {}
    } as const
    expect(Object.keys(changed).sort()).toEqual([...productFields].sort())
    for (const [field, value] of Object.entries(changed)) {
      expect(productContentHash(sampleProduct({ [field]: value })), field).not.toBe(base)
    }
  })
})

describe('toFtsQuery', () => {
  it('quotes and prefix-matches each word, and gives nothing for no words', () => {
    expect(toFtsQuery('KNS-8400 "head')).toBe('"KNS-8400"* "head"*')
    expect(toFtsQuery(' -:" ')).toBeNull()
  })
})
