import { chromium, type Browser } from 'playwright'
import { findChromium, type ChromiumLocation } from './find-chromium'

/**
 * Chromium, launched on first use and shared by every page (and every brand) of one worker
 * process; the worker closes it when it exits.
 */
export interface BrowserProvider {
  /** Launches on first call; later calls get the same browser. Throws with install advice. */
  get(): Promise<Browser>
  close(): Promise<void>
}

/** Options of `createBrowserProvider`. */
export interface BrowserProviderOptions {
  /** Where to find Chromium. Default: `findChromium()` (environment, Playwright, system). */
  locate?: () => ChromiumLocation
  /** Run without a window. Default: true. */
  headless?: boolean
  /** Give up launching after this many ms. Default: 30 000. */
  launchTimeoutMs?: number
  /** Told which browser was launched, for the log. Default: nothing. */
  onLaunch?: (location: ChromiumLocation) => void
}

/**
 * Flags for a crawler's Chromium: no sandbox (containers and root users have none to give), no
 * GPU, and none of the background traffic (updates, sync) a crawl has no use for.
 */
export const chromiumLaunchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/**
 * A `BrowserProvider` that launches Chromium on the first `get()` only, so a crawl that never
 * needs JavaScript never starts a browser. Concurrent first calls share one launch; a failed launch
 * is not cached, so a later call may try again (after the user installs a browser).
 */
export function createBrowserProvider(options: BrowserProviderOptions = {}): BrowserProvider {
  let launching: Promise<Browser> | null = null
  const launch = async (): Promise<Browser> => {
    const location = (options.locate ?? (() => findChromium()))()
    const browser = await chromium.launch({
      executablePath: location.path,
      headless: options.headless ?? true,
      args: chromiumLaunchArgs,
      timeout: options.launchTimeoutMs ?? 30_000
    })
    options.onLaunch?.(location)
    // A crashed browser must not be handed out again: the next get() launches a new one.
    browser.on('disconnected', () => {
      launching = null
    })
    return browser
  }
  return {
    get(): Promise<Browser> {
      if (launching == null) {
        launching = launch()
        launching.catch(() => {
          launching = null
        })
      }
      return launching
    },
    async close(): Promise<void> {
      const pending = launching
      launching = null
      if (pending == null) return
      const browser = await pending.catch(() => null)
      await browser?.close()
    }
  }
}
