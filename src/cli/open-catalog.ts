import { CatalogStore } from '../store/catalog-store'
import { loadSeedBrands } from '../store/seed-brands'
import { cliDbPath } from './cli-db-path'
import { seedBrandsFile } from './cli-paths'

/**
 * Opens the catalog a command works on (`--db`, else BRAND_SCRAPER_DB, else the app's own), seeding
 * a new one with the bundled brand list. A `--db` in a missing folder is refused (see `cliDbPath`).
 */
export function openCatalog(db: string | undefined): CatalogStore {
  return CatalogStore.open(cliDbPath(db), { seedBrands: loadSeedBrands(seedBrandsFile) })
}
