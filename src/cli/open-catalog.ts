import { resolveDbPath } from '../store/default-paths'
import { CatalogStore } from '../store/catalog-store'
import { loadSeedBrands } from '../store/seed-brands'
import { seedBrandsFile } from './cli-paths'

/** The catalog a command works on: `--db`, else BRAND_SCRAPER_DB, else the app's own. */
export function catalogPath(db: string | undefined): string {
  return resolveDbPath(db)
}

/** Opens the catalog, seeding a new one with the bundled brand list. */
export function openCatalog(db: string | undefined): CatalogStore {
  return CatalogStore.open(catalogPath(db), { seedBrands: loadSeedBrands(seedBrandsFile) })
}
