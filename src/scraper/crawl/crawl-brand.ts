import type { ExtractedProduct } from '../../shared/product'
import { extractPage, type PageExtraction } from '../extract/extract-product'
import { createBrowserRenderer, type BrowserRenderer } from '../fetch/browser-renderer'
import { decodeHtml } from '../fetch/decode-html'
import type { CrawlContext, CrawlResult } from './crawl-context'
import { canonicalUrl } from './canonical-url'
import { CrawlFrontier, type FrontierEntry } from './crawl-frontier'
import { createPoliteFetcher, describeResult, type PoliteResult } from './polite-fetcher'
import { createPolitenessGate, GateStoppedError } from './politeness-gate'
import { loadRobotsRules } from './robots-rules'
import { isSameSite } from './same-site'
import { discoverSitemapPages } from './sitemap-discovery'
import { brandSettingDefaults } from '../../shared/brand'

/** Defaults of a brand's crawl settings, when neither the run nor the brand sets them. */
export const crawlDefaults = {
  ...brandSettingDefaults,
  /** Per-page budget, HTTP or browser, in ms. */
  pageTimeoutMs: 20_000,
  /** Largest page accepted, in bytes. */
  maxPageBytes: 10 * 1024 * 1024,
  /** Redirects followed per page. */
  maxRedirects: 5,
  /** Pages per URL shape before the shape must yield a product (trap guard). */
  shapeCap: 200,
  /** How long in-flight pages get to finish once the user stops, in ms. */
  stopGraceMs: 2_000
} as const

/** How a page was fetched. */
type FetchMode = 'http' | 'browser'

/** A fetched page, whichever way, decoded and extracted. */
interface LoadedPage {
  finalUrl: string
  extraction: PageExtraction
  via: FetchMode
  /** Whether the HTML runs scripts (a page without any cannot be waiting for them). */
  hasScripts: boolean
}

const scriptTag = /<script\b(?![^>]*type\s*=\s*["']?application\/(ld\+)?json)/i

/** A page that could not be loaded, and whether that counts as an error. */
interface PageProblem {
  outcome: 'failed' | 'skipped'
  level: 'debug' | 'info' | 'warn'
  message: string
  /** True when the user stopped the run: nothing to report. */
  stopped?: boolean
}

const htmlTypes = /^(text\/html|application\/xhtml\+xml)\b/i

/** Whether a Content-Type can be an HTML page (a missing one is given the benefit of the doubt). */
function isHtmlType(contentType: string | null): boolean {
  return contentType == null || contentType.trim() === '' || htmlTypes.test(contentType.trim())
}

function compilePatterns(
  patterns: string[] | undefined,
  what: string,
  log: CrawlContext['log']
): RegExp[] {
  const compiled: RegExp[] = []
  for (const pattern of patterns ?? []) {
    try {
      compiled.push(new RegExp(pattern, 'i'))
    } catch (error) {
      log('warn', `Ignored the ${what} pattern ${pattern}: ${(error as Error).message}`)
    }
  }
  return compiled
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Crawls one brand's website: reads robots.txt, collects the pages its sitemaps list, follows
 * links from the home page, and saves every product page it extracts through `ctx.saveProduct`.
 * Pages are fetched over plain HTTP, with the browser used only for pages that need JavaScript
 * (or for the whole site when it needed it last time, or when `overrides.browserOnly` is set).
 * Every request is paced by one per-site gate (concurrency, minimum delay, Crawl-delay,
 * Retry-After). No page error ends the run; only an unreachable site or a robots.txt that forbids
 * everything does, as `fatal`.
 */
export async function crawlBrand(ctx: CrawlContext): Promise<CrawlResult> {
  const { brand, overrides } = ctx
  const settings = brand.settings
  const concurrency = Math.max(
    1,
    overrides.concurrency ?? settings.concurrency ?? crawlDefaults.concurrency
  )
  const minDelayMs = overrides.minDelayMs ?? settings.minDelayMs ?? crawlDefaults.minDelayMs
  const maxPages = overrides.maxPages ?? settings.maxPages ?? crawlDefaults.maxPages
  const maxDepth = settings.maxDepth ?? crawlDefaults.maxDepth
  const signal = ctx.signal
  const log = ctx.log
  const startUrl = canonicalUrl(brand.website)
  const result = (complete: boolean, fatal: string | null): CrawlResult => ({
    complete,
    pagesVisited: visited,
    errorCount: errors,
    fatal
  })
  let visited = 0
  let errors = 0
  if (startUrl == null) {
    return result(
      false,
      `The website ${brand.website} is not an http(s) address: fix it in the brand settings.`
    )
  }

  const gate = createPolitenessGate({ concurrency, minDelayMs, signal })
  const fetcher = createPoliteFetcher({ gate, signal, log })

  // robots.txt first: nothing else may be requested before we know what is allowed.
  log('debug', `Reading robots.txt of ${startUrl}`)
  const robots = await loadRobotsRules(startUrl, fetcher)
  if (signal.aborted) return result(false, null)
  if (robots.kind === 'fatal') {
    log('error', robots.message)
    return result(false, robots.message)
  }
  const rules = robots.rules
  log('debug', rules.summary)
  if (rules.crawlDelayMs != null && rules.crawlDelayMs > gate.minDelayMs) {
    gate.raiseMinDelay(rules.crawlDelayMs)
    log(
      'info',
      `robots.txt asks for a Crawl-delay of ${rules.crawlDelayMs / 1000} s: waiting that long between requests`
    )
  }
  const isAllowed = (url: string): boolean => rules.isAllowed(url)

  const frontier = new CrawlFrontier({
    siteUrl: startUrl,
    include: compilePatterns(settings.include, 'include', log),
    exclude: compilePatterns(settings.exclude, 'exclude', log),
    maxDepth,
    shapeCap: crawlDefaults.shapeCap,
    isAllowed,
    onSkip: (url, reason) => log('debug', `Skipped ${url}: ${reason}`)
  })
  let reportedDiscovered = 0
  const reportDiscovered = (): void => {
    if (frontier.discoveredCount > reportedDiscovered) {
      reportedDiscovered = frontier.discoveredCount
      ctx.pagesDiscovered(reportedDiscovered)
    }
  }
  frontier.offer(startUrl, 0, 'start')

  if (rules.sitemaps.length > 0) {
    log(
      'info',
      `Found ${rules.sitemaps.length} sitemap${rules.sitemaps.length === 1 ? '' : 's'} in robots.txt`
    )
  }
  const sitemapPages = await discoverSitemapPages({
    siteUrl: startUrl,
    listed: rules.sitemaps,
    fetcher,
    isAllowed,
    log,
    signal
  })
  if (signal.aborted) return result(false, null)
  let sitemapQueued = 0
  for (const url of sitemapPages) if (frontier.offer(url, 1, 'sitemap')) sitemapQueued++
  log(
    'info',
    sitemapPages.length > 0
      ? `Sitemaps list ${sitemapPages.length} pages (${sitemapQueued} to visit)`
      : 'No sitemap found: discovering pages by following links'
  )
  reportDiscovered()

  // How pages are fetched: the browser when asked, or when this brand needed it last time.
  const remembered = ctx.fetchStrategy.get()
  let mode: FetchMode =
    overrides.browserOnly === true || remembered === 'browser' ? 'browser' : 'http'
  if (mode === 'browser') {
    log(
      'info',
      overrides.browserOnly === true
        ? 'Fetching every page with the browser, as asked'
        : 'This site needed the browser last time: fetching pages with it'
    )
  }
  let renderer: BrowserRenderer | null = null
  let browserProblem: string | null = null
  let httpProducts = 0
  let browserRescues = 0
  let products = 0
  /** Why the home page could not be used, if it could not. */
  let startProblem: string | null = null
  const saved = new Set<string>()

  /** The renderer, or null (and a logged reason, once) when no browser can be launched. */
  const getRenderer = async (): Promise<BrowserRenderer | null> => {
    if (browserProblem != null) return null
    if (renderer != null) return renderer
    try {
      await ctx.browser.get()
    } catch (error) {
      browserProblem = (error as Error).message
      log('error', `Cannot open pages that need JavaScript: ${browserProblem}`)
      return null
    }
    renderer ??= createBrowserRenderer({
      provider: ctx.browser,
      timeoutMs: crawlDefaults.pageTimeoutMs,
      // The browser asks for scripts and data too: robots.txt still applies, and a navigation may
      // not leave the site.
      allowRequest: (url, isNavigation) =>
        (!isNavigation || isSameSite(url, startUrl)) &&
        (!isSameSite(url, startUrl) || isAllowed(url))
    })
    return renderer
  }

  const closeRenderer = async (): Promise<void> => {
    await renderer?.close()
  }

  const checkRedirect = (_from: string, to: string): string | null => {
    if (!isSameSite(to, startUrl)) return 'on another site, not followed'
    if (!isAllowed(to)) return 'disallowed by robots.txt'
    return null
  }

  const extract = (html: string, url: string): PageExtraction =>
    extractPage(html, { url, selectors: settings.selectors })

  const loadWithHttp = async (entry: FrontierEntry): Promise<LoadedPage | PageProblem> => {
    const response: PoliteResult = await fetcher.get(entry.url, {
      timeoutMs: crawlDefaults.pageTimeoutMs,
      maxBytes: crawlDefaults.maxPageBytes,
      maxRedirects: crawlDefaults.maxRedirects,
      checkRedirect,
      acceptContentType: isHtmlType
    })
    if (response.kind === 'failure') {
      if (response.reason === 'aborted')
        return { outcome: 'skipped', level: 'debug', message: 'stopped', stopped: true }
      if (response.reason === 'redirect-refused') {
        const home =
          entry.source === 'start'
            ? ' (this is the brand’s website URL: check it in the brand settings)'
            : ''
        return {
          outcome: 'skipped',
          level: 'info',
          message: `Skipped ${entry.url}: ${response.message}${home}`
        }
      }
      if (response.reason === 'too-large') {
        return {
          outcome: 'skipped',
          level: 'warn',
          message: `Skipped ${entry.url}: ${response.message}`
        }
      }
      return {
        outcome: 'failed',
        level: 'warn',
        message: `GET ${entry.url} failed: ${response.message}`
      }
    }
    if (response.status >= 400 || response.status < 200) {
      return {
        outcome: 'failed',
        level: 'warn',
        message: `GET ${entry.url} failed: ${describeResult(response)}`
      }
    }
    const contentType = response.headers.get('content-type')
    if (response.skippedType) {
      return {
        outcome: 'skipped',
        level: 'info',
        message: `Skipped ${entry.url}: not an HTML page (${contentType ?? 'no type'})`
      }
    }
    const finalUrl = canonicalUrl(response.url) ?? entry.url
    const html = decodeHtml(response.body, contentType)
    return {
      finalUrl,
      extraction: extract(html, finalUrl),
      via: 'http',
      hasScripts: scriptTag.test(html)
    }
  }

  const loadWithBrowser = async (
    entry: FrontierEntry,
    url: string
  ): Promise<LoadedPage | PageProblem> => {
    const active = await getRenderer()
    if (active == null) {
      return {
        outcome: 'failed',
        level: 'warn',
        message: `${entry.url} needs a browser, and none is available`
      }
    }
    const rendered = await gate.run(() => active.render(url, signal))
    if (rendered.kind === 'failure') {
      if (rendered.reason === 'aborted')
        return { outcome: 'skipped', level: 'debug', message: 'stopped', stopped: true }
      return {
        outcome: 'failed',
        level: 'warn',
        message: `Browser failed to load ${url}: ${rendered.message}`
      }
    }
    if (rendered.status != null && rendered.status >= 400) {
      return {
        outcome: 'failed',
        level: 'warn',
        message: `GET ${url} (browser) failed: ${rendered.status} ${rendered.statusText}`.trim()
      }
    }
    const finalUrl = canonicalUrl(rendered.url) ?? url
    if (!isSameSite(finalUrl, startUrl)) {
      return {
        outcome: 'skipped',
        level: 'info',
        message: `Skipped ${entry.url}: redirects to ${finalUrl}, on another site`
      }
    }
    return {
      finalUrl,
      extraction: extract(rendered.html, finalUrl),
      via: 'browser',
      hasScripts: true
    }
  }

  /** Whether the HTTP copy of a page is an empty shell that only scripts fill in. */
  const needsBrowser = (page: LoadedPage, entry: FrontierEntry): boolean => {
    if (page.extraction.product != null) return false
    if (page.extraction.looksScriptRendered) return true
    // A home page whose menu is built by scripts: no way into the site without running them.
    return (
      entry.source === 'start' &&
      page.hasScripts &&
      !page.extraction.links.some(
        (link) => isSameSite(link, startUrl) && canonicalUrl(link) !== page.finalUrl
      )
    )
  }

  const handleProduct = (
    entry: FrontierEntry,
    page: LoadedPage,
    product: ExtractedProduct
  ): void => {
    const declared =
      page.extraction.canonicalUrl == null ? null : canonicalUrl(page.extraction.canonicalUrl)
    // rel=canonical names the product's one address, but only a same-site one can be trusted.
    const productUrl = declared != null && isSameSite(declared, startUrl) ? declared : page.finalUrl
    frontier.markKnown(productUrl)
    frontier.productFound(entry.url)
    if (saved.has(productUrl)) {
      log('debug', `${entry.url} is the product ${productUrl}, saved already`)
      return
    }
    saved.add(productUrl)
    products++
    const outcome = ctx.saveProduct(productUrl, product)
    log('debug', `Product ${product.name} at ${productUrl} (${outcome})`)
  }

  const processPage = async (entry: FrontierEntry): Promise<void> => {
    ctx.pageStarted(entry.url)
    visited++
    let loaded =
      mode === 'browser' ? await loadWithBrowser(entry, entry.url) : await loadWithHttp(entry)
    if (mode === 'browser' && 'outcome' in loaded && browserProblem != null) {
      // Remembered or asked-for browser mode with no browser at hand: HTTP is better than nothing.
      loaded = await loadWithHttp(entry)
    }
    if ('outcome' in loaded) {
      if (loaded.stopped === true) return
      if (entry.source === 'start') startProblem = loaded.message
      log(loaded.level, loaded.message)
      if (loaded.outcome === 'failed') errors++
      ctx.pageDone(entry.url, loaded.outcome)
      return
    }
    let page = loaded
    if (page.finalUrl !== entry.url) {
      if (frontier.has(page.finalUrl) && saved.has(page.finalUrl)) {
        log('debug', `Skipped ${entry.url}: redirects to ${page.finalUrl}, seen already`)
        ctx.pageDone(entry.url, 'skipped')
        return
      }
      frontier.markKnown(page.finalUrl)
    }
    if (page.via === 'http' && needsBrowser(page, entry) && browserProblem == null) {
      log('debug', `${page.finalUrl} looks rendered by scripts: opening it in the browser`)
      const rendered = await loadWithBrowser(entry, page.finalUrl)
      if ('outcome' in rendered) {
        if (rendered.stopped === true) return
        log('warn', rendered.message)
      } else {
        page = rendered
        if (rendered.extraction.product != null) {
          browserRescues++
          // Once pages keep needing scripts and plain HTML has given nothing, stop fetching twice.
          if (mode === 'http' && browserRescues >= 2 && httpProducts === 0) {
            mode = 'browser'
            log(
              'info',
              'Product pages of this site are rendered by scripts: using the browser for the rest of the crawl'
            )
          }
        }
      }
    }
    const product = page.extraction.product
    if (product != null) {
      if (page.via === 'http') httpProducts++
      handleProduct(entry, page, product)
    }
    for (const link of page.extraction.links) frontier.offer(link, entry.depth + 1, 'link')
    // Next pages of a category list are its continuation, not a level deeper.
    if (page.extraction.nextPageUrl != null)
      frontier.offer(page.extraction.nextPageUrl, entry.depth, 'pagination')
    reportDiscovered()
    ctx.pageDone(entry.url, product != null ? 'product' : 'not-product')
  }

  const runPage = async (entry: FrontierEntry): Promise<void> => {
    try {
      await processPage(entry)
    } catch (error) {
      if (error instanceof GateStoppedError || signal.aborted) return
      errors++
      log('error', `${entry.url} failed: ${(error as Error).message}`)
      ctx.pageDone(entry.url, 'failed')
    }
  }

  // Keep up to `concurrency` pages in flight; the gate paces their requests.
  const active = new Set<Promise<void>>()
  let cutByCap = false
  while (!signal.aborted) {
    while (active.size < concurrency && !signal.aborted) {
      if (visited >= maxPages) {
        if (frontier.pendingCount > 0) cutByCap = true
        break
      }
      const entry = frontier.next()
      if (entry == null) break
      const task = runPage(entry).finally(() => active.delete(task))
      active.add(task)
      // The home page alone first: if the site is down, say so rather than fail 5000 pages.
      if (entry.source === 'start') await task
    }
    if (active.size === 0) break
    await Promise.race(active)
  }

  if (signal.aborted) {
    // Give pages in flight a moment to finish; the rest are dropped with their tab or socket.
    await Promise.race([Promise.allSettled(active), sleep(crawlDefaults.stopGraceMs)])
    await closeRenderer()
    log('info', `Stopped: ${visited} pages, ${products} products`)
    return result(false, null)
  }
  await closeRenderer()

  if (cutByCap) {
    log(
      'warn',
      `Stopped at the cap of ${maxPages} pages with ${frontier.pendingCount} pages left unvisited`
    )
  }
  if (frontier.trappedCount > 0) {
    log(
      'info',
      `Left out ${frontier.trappedCount} pages of endlessly repeating addresses (calendars, filters)`
    )
  }
  if (startProblem != null && visited === 1) {
    // Nothing seen at all: a "complete" run would flag every product of the brand missing.
    const message = `The website ${startUrl} could not be loaded (${startProblem}) and lists no sitemap: check the website URL in the brand settings.`
    log('error', message)
    return result(false, message)
  }
  if (overrides.browserOnly !== true) {
    // Remember what this site needed, so the next run goes straight to what works.
    if (browserRescues > 0 && browserRescues >= httpProducts) ctx.fetchStrategy.set('browser')
    else if (httpProducts > 0 && mode === 'http') ctx.fetchStrategy.set('http')
  }
  log('info', `Done: ${visited} pages, ${products} products, ${errors} errors`)
  return result(!cutByCap, null)
}
