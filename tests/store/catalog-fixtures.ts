import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import type { ExtractedProduct } from '../../src/shared/product'
import { CatalogStore, type CatalogStoreOptions } from '../../src/store/catalog-store'
import { makeTempDir } from '../support/temp-dir'

/** A studio monitor as the extractors would report it; override any field. */
export function sampleProduct(overrides: Partial<ExtractedProduct> = {}): ExtractedProduct {
  return {
    name: 'Rokit 5 G4',
    statedBrand: 'KRK',
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

/**
 * Claims brands for `workerId` until none is left (nothing released), and names them in the
 * order they came: the queue order. `dueBy` as in `claimNext`.
 */
export function claimAll(
  store: CatalogStore,
  workerId: string,
  options: { dueBy?: string; leaseMs?: number } = {}
): string[] {
  const names: string[] = []
  const request = { workerId, leaseMs: options.leaseMs ?? 60_000, trigger: 'once' as const }
  const due = { dueBy: options.dueBy }
  let claim = store.claims.claimNext(request, due)
  while (claim) {
    names.push(claim.brand.name)
    claim = store.claims.claimNext(request, due)
  }
  return names
}

/**
 * {@link sampleProduct}'s content hash as catalogs written before `brand` became `statedBrand`
 * hold it.
 */
export const sampleProductHash = 'f1b8e1f317629b838caf8d6b4baf7700365c24e50e0d26e0b7e6f835b60a5f05'

/** What each test of a store module gets: a catalog file in its own temp folder. */
export interface CatalogFixture {
  /** The temp folder, removed after each test. */
  dir: string
  /** `catalog.db` in `dir`, opened fresh for each test and closed after it. */
  store: CatalogStore
  /** Closes `store` and opens `file` in `dir` with `options` instead. */
  reopen(file?: string, options?: CatalogStoreOptions): CatalogStore
  /**
   * A second store on `store`'s file, as another process (the coordinator, another worker) opens
   * it: opened when first read in a test, closed after it.
   */
  readonly other: CatalogStore
}

/** Registers before/after hooks giving each test of the calling file a fresh catalog. */
export function useTempCatalog(): CatalogFixture {
  let temp: ReturnType<typeof makeTempDir>
  let other: CatalogStore | undefined
  const fixture = {
    reopen(file = 'catalog.db', options: CatalogStoreOptions = {}): CatalogStore {
      fixture.store.close()
      fixture.store = CatalogStore.open(join(fixture.dir, file), options)
      return fixture.store
    },
    get other(): CatalogStore {
      other ??= CatalogStore.open(fixture.store.file)
      return other
    }
  } as CatalogFixture
  beforeEach(() => {
    temp = makeTempDir()
    fixture.dir = temp.dir
    fixture.store = CatalogStore.open(join(temp.dir, 'catalog.db'))
  })
  afterEach(() => {
    other?.close()
    other = undefined
    fixture.store.close()
    temp.cleanup()
  })
  return fixture
}
