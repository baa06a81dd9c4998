import type { LogLevel } from '../../shared/log-entry'
import { isSameSite } from '../url/same-site'
import type { BrowserProvider } from './browser-provider'
import { createBrowserRenderer, type BrowserRenderer } from './browser-renderer'
import { memoryBudgetCheck } from './chromium-memory'

/** Options of {@link createLazyBrowserRenderer}. */
export interface LazyBrowserRendererOptions {
  /** The site's home page: browser navigations may not leave its site. */
  siteUrl: string
  /** robots.txt: browser requests for disallowed URLs on the site are refused. */
  isAllowed: (url: string) => boolean
  /** The browser, launched on the first page that needs it. */
  browser: BrowserProvider
  /** Told (once) why no browser can be launched, and of refused requests and recycling. */
  log: (level: LogLevel, message: string) => void
  /** Per-page budget in ms (no default here: the page loader sets it). */
  timeoutMs: number
  /** Resident memory Chromium may hold before its pages are recycled, in bytes. Default: 1.5 GiB. */
  browserMemoryBudgetBytes?: number
  /** Browser tabs open at once. Default: the renderer's own. */
  maxOpenPages?: number
  /** Largest response a page may load, in bytes. Default: the renderer's own (10 MB). */
  maxBytes?: number
}

/** A crawl's browser renderer, created on first use; a launch that fails is not tried again. */
export interface LazyBrowserRenderer {
  /** The renderer, or null (and a logged reason, once) when no browser can be launched. */
  get(): Promise<BrowserRenderer | null>
  /** Why no browser could be launched, once one failed to; null while none has failed. */
  readonly problem: string | null
  /** Closes the renderer's context, if one was created (the provider keeps the browser). */
  close(): Promise<void>
}

/**
 * Creates the crawl's browser renderer lazily: the browser is launched on the first page that
 * needs it, and a launch that fails is reported once and not tried again in this crawl.
 */
export function createLazyBrowserRenderer(
  options: LazyBrowserRendererOptions
): LazyBrowserRenderer {
  const { siteUrl, isAllowed } = options
  let renderer: BrowserRenderer | null = null
  let problem: string | null = null

  const get = async (): Promise<BrowserRenderer | null> => {
    if (problem != null) return null
    if (renderer != null) return renderer
    try {
      await options.browser.get()
    } catch (error) {
      problem = (error as Error).message
      options.log('error', `Cannot open pages that need JavaScript: ${problem}`)
      return null
    }
    renderer ??= createBrowserRenderer({
      provider: options.browser,
      timeoutMs: options.timeoutMs,
      maxOpenPages: options.maxOpenPages,
      maxResponseBytes: options.maxBytes,
      shouldRecycle: memoryBudgetCheck({
        budgetBytes: options.browserMemoryBudgetBytes ?? 1.5 * 1024 ** 3,
        onOver: (bytes) =>
          options.log(
            'info',
            `The browser holds ${Math.round(bytes / 1024 ** 2)} MiB: recycling its pages to free memory`
          )
      }),
      trustedOrigin: siteUrl,
      onRefused: (url, reason) => options.log('warn', `Browser request refused: ${url}: ${reason}`),
      // The browser asks for scripts and data too: robots.txt still applies, and a navigation may
      // not leave the site.
      allowRequest: (url, isNavigation) =>
        (!isNavigation || isSameSite(url, siteUrl)) && (!isSameSite(url, siteUrl) || isAllowed(url))
    })
    return renderer
  }

  return {
    get,
    get problem(): string | null {
      return problem
    },
    async close(): Promise<void> {
      await renderer?.close()
    }
  }
}
