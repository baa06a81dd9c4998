import { join } from 'node:path'
import { app, BrowserWindow, shell } from 'electron'
import { appIndexUrl } from './app-protocol'
import { isAppUrl, isExternalWebUrl } from './is-app-url'

/** The built preload and page, relative to the built main (out/main/index.js). */
const preloadPath = join(import.meta.dirname, '../preload/index.cjs')
/** The built UI, served as `app://bundle/` (see `serveAppProtocol`). */
export const rendererDir = join(import.meta.dirname, '../renderer')

/**
 * The URL the window shows: the dev server's under `electron-vite dev`, the built index.html
 * through the app's own scheme otherwise (never `file://`).
 */
export function resolveAppUrl(): string {
  const devServerUrl = process.env['ELECTRON_RENDERER_URL']
  // A packaged app never loads a page from the network, whatever its environment says.
  if (devServerUrl && !app.isPackaged) return devServerUrl
  return appIndexUrl
}

/** Icon for Linux windows (macOS and Windows take it from the package). */
const iconPath = join(import.meta.dirname, '../../resources/icon.png')

/**
 * Creates the app's one window, locked down: isolated and sandboxed renderer without Node, no
 * navigation away from the app, no new windows (http(s) links open in the system browser).
 */
export function createMainWindow(appUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Brand Scraper',
    icon: process.platform === 'linux' ? iconPath : undefined,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would open links in new windows without a click handler seeing them.
      disableBlinkFeatures: 'Auxclick'
    }
  })

  window.once('ready-to-show', () => window.show())

  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, appUrl)) return
    event.preventDefault()
    openExternally(url)
  })
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())

  void window.loadURL(appUrl)
  return window
}

/** Hands http(s) links to the system browser; every other scheme is refused. */
function openExternally(url: string): void {
  if (isExternalWebUrl(url)) void shell.openExternal(url)
}
