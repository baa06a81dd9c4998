import type { LogLevel } from '../../shared/log-entry'
import { canonicalUrl } from '../url/canonical-url'
import { isSameSite } from '../url/same-site'
import type { BrowserProvider } from './browser-provider'
import { createBrowserRenderer, type BrowserRenderer } from './browser-renderer'
import { memoryBudgetCheck } from './chromium-memory'
import { decodeHtml } from './decode-html'
import type { JsonResponse } from './json-responses'
import { describeResult, type PoliteFetcher } from './polite-fetcher'
import type { PolitenessGate } from './politeness-gate'

/** How a page is fetched: plain HTTP, or rendered with scripts in the browser. */
export type FetchMode = 'http' | 'browser'

/** A page loaded either way, decoded to HTML. */
export interface LoadedPage {
  /** Canonical URL the page ended at, after redirects. */
  finalUrl: string
  html: string
  via: FetchMode
  /** Whether the HTML runs scripts (a page without any cannot be waiting for them). */
  hasScripts: boolean
  /** In the browser: the JSON the page's scripts fetched. */
  jsonResponses?: JsonResponse[]
}

/**
 * A page that could not be loaded, and whether that counts as an error: `dead` for a link that
 * answered 404 or 410 (the site's dead link, not a failure to read a page that should work).
 */
export interface PageProblem {
  outcome: 'failed' | 'skipped' | 'dead'
  level: LogLevel
  /** What happened, in words, naming the page. */
  message: string
  /** True when the user stopped the run: nothing to report. */
  stopped?: boolean
}

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

/** Whether a load came back as a problem rather than a page. */
export function isPageProblem(loaded: LoadedPage | PageProblem): loaded is PageProblem {
  return 'outcome' in loaded
}

const scriptTag = /<script\b(?![^>]*type\s*=\s*["']?application\/(ld\+)?json)/i

const htmlTypes = /^(text\/html|application\/xhtml\+xml)\b/i

/** Whether a Content-Type can be an HTML page (a missing one is given the benefit of the doubt). */
function isHtmlType(contentType: string | null): boolean {
  return contentType == null || contentType.trim() === '' || htmlTypes.test(contentType.trim())
}

const stopped: PageProblem = {
  outcome: 'skipped',
  level: 'debug',
  message: 'stopped',
  stopped: true
}

/**
 * Creates the page loader of one crawl. HTTP pages are GET through the polite fetcher, refusing
 * redirects off the site or into robots.txt's disallowed paths and skipping non-HTML bodies; the
 * browser is launched lazily, on the first page that needs it, and a launch that fails is
 * reported once and not tried again in this crawl.
 */
export function createPageLoader(options: PageLoaderOptions): PageLoader {
  const { siteUrl, isAllowed, signal } = options
  const timeoutMs = options.timeoutMs ?? 20_000
  let renderer: BrowserRenderer | null = null
  let browserProblem: string | null = null

  /** The renderer, or null (and a logged reason, once) when no browser can be launched. */
  const getRenderer = async (): Promise<BrowserRenderer | null> => {
    if (browserProblem != null) return null
    if (renderer != null) return renderer
    try {
      await options.browser.get()
    } catch (error) {
      browserProblem = (error as Error).message
      options.log('error', `Cannot open pages that need JavaScript: ${browserProblem}`)
      return null
    }
    renderer ??= createBrowserRenderer({
      provider: options.browser,
      timeoutMs,
      maxOpenPages: options.maxOpenPages,
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

  const checkRedirect = (_from: string, to: string): string | null => {
    if (!isSameSite(to, siteUrl)) return 'on another site, not followed'
    if (!isAllowed(to)) return 'disallowed by robots.txt'
    return null
  }

  const loadWithHttp = async (url: string, home: boolean): Promise<LoadedPage | PageProblem> => {
    const response = await options.fetcher.get(url, {
      timeoutMs,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      checkRedirect,
      acceptContentType: isHtmlType
    })
    if (response.kind === 'failure') {
      if (response.reason === 'aborted') return stopped
      if (response.reason === 'redirect-refused') {
        const advice = home
          ? ' (this is the brand’s website URL: check it in the brand settings)'
          : ''
        return skipped('info', `Skipped ${url}: ${response.message}${advice}`)
      }
      if (response.reason === 'address-refused') {
        return skipped('warn', `Refused ${url}: ${response.message}`)
      }
      if (response.reason === 'too-large')
        return skipped('warn', `Skipped ${url}: ${response.message}`)
      return failed(`GET ${url} failed: ${response.message}`)
    }
    if (isDeadLink(response.status))
      return dead(`Dead link: GET ${url} answered ${describeResult(response)}`)
    if (response.status >= 400 || response.status < 200) {
      return failed(`GET ${url} failed: ${describeResult(response)}`)
    }
    const contentType = response.headers.get('content-type')
    if (response.skippedType) {
      return skipped('info', `Skipped ${url}: not an HTML page (${contentType ?? 'no type'})`)
    }
    if (looksBinary(response.body)) {
      return skipped(
        'warn',
        `Skipped ${url}: binary content, not an HTML page (served as ${contentType ?? 'no type'})`
      )
    }
    const html = decodeHtml(response.body, contentType)
    return {
      finalUrl: canonicalUrl(response.url) ?? url,
      html,
      via: 'http',
      hasScripts: scriptTag.test(html)
    }
  }

  const loadWithBrowser = async (
    url: string,
    listedUrl = url
  ): Promise<LoadedPage | PageProblem> => {
    const active = await getRenderer()
    if (active == null) return failed(`${listedUrl} needs a browser, and none is available`)
    const rendered = await options.gate.run(() => active.render(url, signal))
    if (rendered.kind === 'failure') {
      if (rendered.reason === 'aborted') return stopped
      return failed(`Browser failed to load ${url}: ${rendered.message}`)
    }
    if (rendered.status != null && isDeadLink(rendered.status)) {
      return dead(
        `Dead link: GET ${url} (browser) answered ${rendered.status} ${rendered.statusText}`.trim()
      )
    }
    if (rendered.status != null && rendered.status >= 400) {
      return failed(`GET ${url} (browser) failed: ${rendered.status} ${rendered.statusText}`.trim())
    }
    const finalUrl = canonicalUrl(rendered.url) ?? url
    if (!isSameSite(finalUrl, siteUrl)) {
      return skipped('info', `Skipped ${listedUrl}: redirects to ${finalUrl}, on another site`)
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
    loadWithHttp,
    loadWithBrowser,
    get browserProblem(): string | null {
      return browserProblem
    },
    async close(): Promise<void> {
      await renderer?.close()
    }
  }
}

/**
 * Whether a body is binary (an image or archive served as a page): NUL bytes near the start,
 * which no HTML has, unless it is UTF-16 (with its byte-order mark).
 */
function looksBinary(body: Buffer): boolean {
  if (
    body.length >= 2 &&
    ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff))
  )
    return false
  return body.subarray(0, 4096).includes(0)
}

/** 404 Not Found and 410 Gone: the page is not there, which asking again will not change. */
function isDeadLink(status: number): boolean {
  return status === 404 || status === 410
}

function dead(message: string): PageProblem {
  return { outcome: 'dead', level: 'info', message }
}

function failed(message: string): PageProblem {
  return { outcome: 'failed', level: 'warn', message }
}

function skipped(level: LogLevel, message: string): PageProblem {
  return { outcome: 'skipped', level, message }
}
