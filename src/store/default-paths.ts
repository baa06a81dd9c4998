import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app's name as Electron derives its userData folder from it (package.json productName). */
export const appDataFolderName = 'Brand Scraper'

/**
 * The platform's application-data folder for Brand Scraper, the same one Electron's
 * `app.getPath('userData')` returns, so the desktop app and the CLI share one catalog.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env
): string {
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appDataFolderName)
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', appDataFolderName)
  }
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appDataFolderName)
}

/** The log file's name, in the folder each front end keeps logs in (Electron's, or the catalog's). */
export const logFileName = 'brand-scraper.log'

/** `--db FILE` wins, then `BRAND_SCRAPER_DB`, then the catalog in the user-data folder. */
export function resolveDbPath(
  explicit: string | undefined,
  userDataDir: string = defaultUserDataDir(),
  env: NodeJS.ProcessEnv = process.env
): string {
  return explicit || env.BRAND_SCRAPER_DB || join(userDataDir, 'catalog.db')
}
