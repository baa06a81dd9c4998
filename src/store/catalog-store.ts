import type { BrandInput, IngestionStatusRow } from '../shared/brand'
import { BrandClaims } from './brand-claims'
import { BrandRepository } from './brand-repository'
import { openDatabase, type OpenDatabaseOptions, type SqliteDatabase } from './database'
import { LogRepository, type LogRepositoryOptions } from './log-repository'
import { ProductRepository } from './product-repository'
import { RunRepository } from './run-repository'
import { WorkerRegistry } from './worker-registry'

/** Options of {@link CatalogStore.open}. */
export interface CatalogStoreOptions extends LogRepositoryOptions, OpenDatabaseOptions {
  /** Brands to add when the database is new (no brand was ever added). Default: none. */
  seedBrands?: BrandInput[]
}

/**
 * The catalog: one SQLite file shared by the coordinator (reads, brand edits) and the worker
 * (writes products, runs and logs as it goes).
 */
export class CatalogStore {
  readonly brands: BrandRepository
  readonly runs: RunRepository
  readonly products: ProductRepository
  readonly logs: LogRepository
  readonly claims: BrandClaims
  readonly workers: WorkerRegistry

  private constructor(
    readonly db: SqliteDatabase,
    readonly file: string,
    options: CatalogStoreOptions
  ) {
    this.brands = new BrandRepository(db, () => this.claims.holders())
    this.runs = new RunRepository(db)
    this.claims = new BrandClaims(db, this.brands, this.runs)
    this.workers = new WorkerRegistry(db, this.runs)
    this.products = new ProductRepository(db)
    this.logs = new LogRepository(db, options)
  }

  static open(file: string, options: CatalogStoreOptions = {}): CatalogStore {
    const store = new CatalogStore(openDatabase(file, options), file, options)
    if (options.seedBrands?.length) store.seedOnce(options.seedBrands)
    return store
  }

  /** Seeds a new catalog once; a user who removed every brand does not get them back. */
  private seedOnce(brands: BrandInput[]): void {
    const seeded = this.db.prepare(`SELECT 1 FROM meta WHERE key = 'seeded'`).get()
    if (seeded) return
    this.db.transaction(() => {
      if (this.brands.count() === 0) this.brands.importMany(brands)
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES ('seeded', ?)`)
        .run(new Date().toISOString())
    })()
  }

  ingestionStatus(): IngestionStatusRow[] {
    return this.brands.list().map((brand) => {
      const counts = this.products.countForBrand(brand.id)
      return {
        brand: brand.name,
        brandId: brand.id,
        enabled: brand.enabled,
        totalProducts: counts.total,
        missingProducts: counts.missing,
        lastRun: brand.lastRun
      }
    })
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
