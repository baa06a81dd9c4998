import { createConnectionPool, type ConnectionPool } from '../fetch/connection-pool'
import { createPageLoader } from '../fetch/page-loader'
import { createPoliteFetcher } from '../fetch/polite-fetcher'
import { createPolitenessGate, type PolitenessGate } from '../fetch/politeness-gate'
import { canonicalUrl } from '../url/canonical-url'
import type { CrawlContext, CrawlResult } from './crawl-context'
import { CrawlFrontier } from './crawl-frontier'
import { runCrawlPool } from './crawl-pool'
import { crawlDefaults, resolveCrawlSettings, type CrawlSettings } from './crawl-settings'
import { summarizeCrawl } from './crawl-summary'
import { FetchStrategy } from './fetch-strategy'
import { JsonEndpointShortcut } from './json-endpoint-shortcut'
import { PageProcessor } from './page-processor'
import { applyRobotsRules, loadRobotsRules, type RobotsRules } from './robots-rules'
import { SavedProducts } from './saved-products'
import { seedFromSitemaps } from './sitemap-seeding'

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
  const { brand, signal, log } = ctx
  const siteUrl = canonicalUrl(brand.website)
  const notRun = (fatal: string | null): CrawlResult => ({
    complete: false,
    pagesVisited: 0,
    errorCount: 0,
    fatal
  })
  if (siteUrl == null) {
    return notRun(
      `The website ${brand.website} is not an http(s) address: fix it in the brand settings.`
    )
  }
  const settings = resolveCrawlSettings(brand.settings, ctx.overrides, log)
  const gate = createPolitenessGate({
    concurrency: settings.concurrency,
    minDelayMs: settings.minDelayMs,
    signal
  })
  // One set of kept-alive connections for the whole crawl, closed when it ends or stops.
  const connections = createConnectionPool({ maxSocketsPerHost: settings.concurrency })
  // A stop closes them at once, so no request waiting for a connection goes out after it.
  const closeConnections = (): void => connections.destroy()
  signal.addEventListener('abort', closeConnections, { once: true })
  try {
    return await crawlSite(ctx, siteUrl, settings, gate, connections)
  } finally {
    signal.removeEventListener('abort', closeConnections)
    connections.destroy()
  }
}

/** The crawl's frontier: the site's pages within the settings and robots.txt. */
function createFrontier(
  siteUrl: string,
  settings: CrawlSettings,
  rules: RobotsRules,
  log: CrawlContext['log']
): CrawlFrontier {
  return new CrawlFrontier({
    siteUrl,
    include: settings.include,
    exclude: settings.exclude,
    maxDepth: settings.maxDepth,
    shapeCap: crawlDefaults.shapeCap,
    isAllowed: (url) => rules.isAllowed(url),
    onSkip: (url, reason) => log('debug', `Skipped ${url}: ${reason}`),
    onTrap: (url, reason) => log('warn', `Path trap at ${url}: ${reason}`)
  })
}

/** The crawl of a site whose URL and settings are known. */
async function crawlSite(
  ctx: CrawlContext,
  siteUrl: string,
  settings: CrawlSettings,
  gate: PolitenessGate,
  connections: ConnectionPool
): Promise<CrawlResult> {
  const { signal, log } = ctx
  const notRun = (fatal: string | null): CrawlResult => ({
    complete: false,
    pagesVisited: 0,
    errorCount: 0,
    fatal
  })
  // Only the brand's own origin may be on a loopback or private address: the user chose it.
  const fetcher = createPoliteFetcher({ gate, signal, log, trustedOrigin: siteUrl, connections })

  // robots.txt first: nothing else may be requested before we know what is allowed.
  log('debug', `Reading robots.txt of ${siteUrl}`)
  const robots = await loadRobotsRules(siteUrl, fetcher)
  if (signal.aborted) return notRun(null)
  if (robots.kind === 'fatal') {
    log('error', robots.message)
    return notRun(robots.message)
  }
  const rules = robots.rules
  applyRobotsRules(rules, gate, log)

  const frontier = createFrontier(siteUrl, settings, rules, log)
  let reportedDiscovered = 0
  const reportDiscovered = (): void => {
    if (frontier.discoveredCount > reportedDiscovered) {
      reportedDiscovered = frontier.discoveredCount
      ctx.pagesDiscovered(reportedDiscovered)
    }
  }
  frontier.offer(siteUrl, 0, 'start')
  await seedFromSitemaps({ siteUrl, rules, frontier, fetcher, log, signal })
  if (signal.aborted) return notRun(null)
  reportDiscovered()

  // How pages are fetched: the browser when asked, or when this brand needed it last time.
  const strategy = new FetchStrategy({
    remembered: ctx.fetchStrategy.get(),
    browserOnly: settings.browserOnly,
    log
  })
  const loader = createPageLoader({
    siteUrl,
    isAllowed: (url) => rules.isAllowed(url),
    fetcher,
    gate,
    browser: ctx.browser,
    signal,
    log,
    maxOpenPages: settings.concurrency,
    timeoutMs: crawlDefaults.pageTimeoutMs,
    maxBytes: crawlDefaults.maxPageBytes,
    maxRedirects: crawlDefaults.maxRedirects
  })
  const products = new SavedProducts({
    siteUrl,
    frontier,
    save: (url, product) => ctx.saveProduct(url, product),
    log
  })
  const shortcut = new JsonEndpointShortcut({
    fetcher,
    isAllowed: (url) => rules.isAllowed(url),
    log,
    remembered: ctx.jsonEndpoint?.get() ?? null,
    remember: (recipe) => ctx.jsonEndpoint?.set(recipe),
    timeoutMs: crawlDefaults.pageTimeoutMs
  })
  const processor = new PageProcessor({
    ctx,
    siteUrl,
    settings,
    frontier,
    loader,
    strategy,
    products,
    shortcut,
    discovered: reportDiscovered
  })

  // Keep up to `concurrency` pages in flight; the gate paces their requests.
  const pool = await runCrawlPool({
    concurrency: settings.concurrency,
    maxTasks: settings.maxPages,
    next: () => frontier.next(),
    pendingCount: () => frontier.pendingCount,
    run: (entry) => processor.run(entry),
    // The home page alone first: if the site is down, say so rather than fail 5000 pages.
    runsAlone: (entry) => entry.source === 'start',
    signal,
    stopGraceMs: crawlDefaults.stopGraceMs
  })
  await loader.close()

  return summarizeCrawl({
    ctx,
    siteUrl,
    maxPages: settings.maxPages,
    frontier,
    strategy,
    pagesVisited: pool.started,
    cutByCap: pool.cutByCap,
    productCount: products.count,
    errorCount: processor.errorCount,
    homeProblem: processor.homeProblem
  })
}
