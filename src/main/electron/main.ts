import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, session, shell } from 'electron'
import workerModulePath from '../../scraper/worker-main.ts?modulePath'
import { Coordinator } from '../coordinator/coordinator'
import { SpareWorker } from '../coordinator/spare-worker'
import { resolveDbPath } from '../../store/default-paths'
import { loadSeedBrands } from '../../store/seed-brands'
import { appScheme } from './app-protocol'
import { createMainWindow, rendererDir, resolveAppUrl } from './create-main-window'
import { hardenSession } from './harden-session'
import { registerAppScheme, serveAppProtocol } from './register-app-protocol'
import { createUtilityWorkerTransportFactory } from './utility-worker-transport'
import { wireApiIpc } from './wire-api-ipc'

/**
 * The Electron entry: a coordinator (which never scrapes; its worker does, in a utility
 * process), one locked-down window, and the API wired over IPC.
 */

/** Longest wait for the worker to stop on quit; the coordinator kills it after 10 s. */
const quitTimeoutMs = 15_000

app.setName('Brand Scraper')
// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox()
// Before ready, as Electron requires: the UI's own scheme instead of file://.
registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the database and the worker: hand over to it.
  app.quit()
} else {
  void main()
}

async function main(): Promise<void> {
  let window: BrowserWindow | null = null
  let coordinator: Coordinator | null = null
  let quitting = false

  app.on('second-instance', () => {
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    // No page of ours opens windows or embeds others; a second line behind the window's own.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  app.on('before-quit', (event) => {
    if (quitting || !coordinator) return
    event.preventDefault()
    quitting = true
    const done = (): void => app.exit(0)
    const timer = setTimeout(done, quitTimeoutMs)
    coordinator
      .shutdown()
      .catch((error: unknown) => console.error('Shutting down failed:', error))
      .finally(() => {
        clearTimeout(timer)
        done()
      })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  await app.whenReady()

  const appUrl = resolveAppUrl()
  serveAppProtocol(rendererDir)
  hardenSession(session.defaultSession, { dev: !appUrl.startsWith(`${appScheme}:`), appUrl })

  // The same rule as the CLI's: BRAND_SCRAPER_DB, else the catalog in the user-data folder.
  const dbPath = resolveDbPath(undefined, app.getPath('userData'))
  // A worker loaded in the background, so that a Scrape click takes it instead of waiting for a
  // process to start. Its default env is the one the coordinator gives its workers (no
  // `workerEnv` here: both the allow-listed part of this process's), so the start takes it.
  const spare = new SpareWorker(
    createUtilityWorkerTransportFactory({ modulePath: workerModulePath })
  )
  try {
    coordinator = Coordinator.open({
      dbPath,
      logFile: join(app.getPath('logs'), 'brand-scraper.log'),
      // A new catalog starts with the bundled list of manufacturers (resources/ ships in the app).
      seedBrands: loadSeedBrands(join(app.getAppPath(), 'resources', 'brands.json')),
      workerTransport: spare.transport,
      closeWorkerTransport: () => spare.close(),
      sqliteNativeBinding: electronSqliteBinding(),
      // shell.openPath resolves with an error message, empty on success.
      openPath: async (path) => (await shell.openPath(path)) === ''
    })
  } catch (error) {
    void spare.close()
    dialog.showErrorBox(
      'Brand Scraper cannot open its catalog',
      `${(error as Error).message}\n\nCatalog: ${dbPath}\n` +
        (app.isPackaged
          ? 'Reinstall Brand Scraper, or set BRAND_SCRAPER_DB to another file.'
          : 'From a checkout, start the app with `npm start`, which builds better-sqlite3 for ' +
            'Electron once (node scripts/prepare-electron-native.mjs).')
    )
    app.exit(1)
    return
  }

  wireApiIpc({ coordinator, getWindow: () => window, appUrl })
  window = createMainWindow(appUrl)
  window.on('closed', () => {
    window = null
  })

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      window = createMainWindow(appUrl)
      window.on('closed', () => {
        window = null
      })
    }
  })
}

/**
 * better-sqlite3 for Electron's ABI. A packaged app has it rebuilt in place by electron-builder;
 * a checkout keeps node_modules built for Node (so `npm test` works) and loads the copy that
 * `npm start` builds into .electron-native/.
 */
function electronSqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined
  const file = join(
    app.getAppPath(),
    '.electron-native',
    process.versions.electron,
    'better_sqlite3.node'
  )
  return existsSync(file) ? file : undefined
}
