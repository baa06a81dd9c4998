import { join, resolve } from 'node:path'
import { defaultUserDataDir, resolveDbPath } from '../store/default-paths'
import { requireParentFolder } from './require-parent-folder'

/**
 * The catalog a command works on (`--db`, else BRAND_SCRAPER_DB, else the app's own). Only the
 * default location may have its folder created (the app's user-data folder, on first use); a
 * `--db` or BRAND_SCRAPER_DB in a folder that does not exist is refused with what to do, so a typo
 * never creates folders nor a stray empty catalog.
 */
export function cliDbPath(
  explicit: string | undefined,
  userDataDir: string = defaultUserDataDir()
): string {
  const dbPath = resolveDbPath(explicit, userDataDir)
  if (dbPath === ':memory:') return dbPath
  if (resolve(dbPath) !== resolve(join(userDataDir, 'catalog.db'))) {
    requireParentFolder(dbPath, explicit ? '--db' : 'BRAND_SCRAPER_DB')
  }
  return dbPath
}
