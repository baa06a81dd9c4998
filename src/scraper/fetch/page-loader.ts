import type { LogLevel } from '../../shared/log-entry'
import { canonicalUrl } from '../url/canonical-url'
import { isSameSite } from '../url/same-site'
import type { BrowserProvider } from './browser-provider'
import { loadHttpPage } from './http-page-load'
import { createLazyBrowserRenderer } from './lazy-browser-renderer'
import {
  failedLoad,
  skippedLoad,
  statusProblem,
  stoppedLoad,
  type LoadedPage,
  type PageProblem
} from './loaded-page'
import type { PoliteFetcher } from './polite-fetcher'
import type { PolitenessGate } from './politeness-gate'

export { isPageProblem, type FetchMode, type LoadedPage, type PageProblem } from './loaded-page'

/** Options of {@link createPageLoader}. */
export interface PageLoaderOptions {
  /** The site's home page: redirects and browser navigations may not leave its site. */
  siteUrl: string
  /** robots.txt: redirects to, and browser requests for, disallowed URLs are refused. */
  isAllowed: (url: string) => boolean
  /** HTTP GETs, paced and retried. */
  fetcher: PoliteFetcher
  /** The site's gate, which paces browser renders like any other request. */
  gate: PolitenessGate
  /** The browser, launched on the first page that needs it. */
  browser: BrowserProvider
  signal: AbortSignal
  /** Told (once) why no browser can be launched. */
  log: (level: LogLevel, message: string) => void
  /**
   * Resident memory Chromium may hold before the crawl's browser context (its renderer
   * processes) is recycled, in bytes. Default: 1.5 GiB.
   */
  browserMemoryBudgetBytes?: number
  /** Browser tabs open at once (the site's concurrency). Default: 4. */
  maxOpenPages?: number
  /** Per-page budget, HTTP or browser, in ms. Default: 20 000. */
  timeoutMs?: number
  /** Largest page accepted, in bytes. Default: 10 MB. */
  maxBytes?: number
  /** Redirects followed per page. Default: 5. */
  maxRedirects?: number
}

/** Loads a site's pages over HTTP or in the browser, and says in words why one could not be. */
export interface PageLoader {
  /**
   * GETs `url` over HTTP. `home` marks the brand's website URL, whose refused redirect gets
   * advice to check the brand settings.
   */
  loadWithHttp(url: string, home: boolean): Promise<LoadedPage | PageProblem>
  /**
   * Renders `url` in the browser; `listedUrl` is the page as the crawl knows it (the HTTP copy's
   * URL before a redirect), named in messages. Default: `url`.
   */
  loadWithBrowser(url: string, listedUrl?: string): Promise<LoadedPage | PageProblem>
  /** Why no browser could be launched, once one failed to; null while none has failed. */
  readonly browserProblem: string | null
  /** Closes the browser's context (the provider keeps the browser). */
  close(): Promise<void>
}

/**
 * Creates the page loader of one crawl. HTTP pages are GET through the polite fetcher, refusing
 * redirects off the site or into robots.txt's disallowed paths and skipping non-HTML bodies; the
 * browser is launched lazily, on the first page that needs it, and a launch that fails is
 * reported once and not tried again in this crawl.
 */
export function createPageLoader(options: PageLoaderOptions): PageLoader {
  const { siteUrl, signal } = options
  const timeoutMs = options.timeoutMs ?? 20_000
  const renderer = createLazyBrowserRenderer({ ...options, timeoutMs })

  const loadWithBrowser = async (
    url: string,
    listedUrl = url
  ): Promise<LoadedPage | PageProblem> => {
    const active = await renderer.get()
    if (active == null) return failedLoad(`${listedUrl} needs a browser, and none is available`)
    const rendered = await options.gate.run(() => active.render(url, signal))
    if (rendered.kind === 'failure') {
      if (rendered.reason === 'aborted') return stoppedLoad
      return failedLoad(`Browser failed to load ${url}: ${rendered.message}`)
    }
    if (rendered.status != null) {
      const answer = `${rendered.status} ${rendered.statusText}`.trim()
      const problem = statusProblem(`GET ${url} (browser)`, rendered.status, answer)
      if (problem) return problem
    }
    const finalUrl = canonicalUrl(rendered.url) ?? url
    if (!isSameSite(finalUrl, siteUrl)) {
      return skippedLoad('info', `Skipped ${listedUrl}: redirects to ${finalUrl}, on another site`)
    }
    return {
      finalUrl,
      html: rendered.html,
      via: 'browser',
      hasScripts: true,
      jsonResponses: rendered.jsonResponses
    }
  }

  return {
    loadWithHttp: (url, home) => loadHttpPage(url, home, { ...options, timeoutMs }),
    loadWithBrowser,
    get browserProblem(): string | null {
      return renderer.problem
    },
    close: () => renderer.close()
  }
}
