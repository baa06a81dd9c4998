import { resolveDbPath } from '../store/default-paths'
import { CatalogStore } from '../store/catalog-store'
import { loadSeedBrands } from '../store/seed-brands'
import { seedBrandsFile } from './cli-paths'

/**
 * Opens the catalog a command works on (`--db`, else BRAND_SCRAPER_DB, else the app's own), seeding
 * a new one with the bundled brand list.
 */
export function openCatalog(db: string | undefined): CatalogStore {
  return CatalogStore.open(resolveDbPath(db), { seedBrands: loadSeedBrands(seedBrandsFile) })
}
