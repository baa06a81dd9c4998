import dc from 'node:diagnostics_channel'
import { describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import {
  contentPage,
  createRecordingContext,
  fixtureProducts,
  legacyProductNames,
  startFixtureSite,
  type FixtureSite,
  type FixtureSiteKind,
  type FixtureSiteOptions,
  type FixtureRoutes,
  type RecordingContext,
  type RecordingContextOptions
} from '../../support/fixture-sites'
import type { CrawlResult } from '../../../src/scraper/crawl/crawl-context'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

async function serve(
  routesOrKind: FixtureRoutes | FixtureSiteKind,
  options?: FixtureSiteOptions
): Promise<FixtureSite> {
  const site = await startFixtureSite(routesOrKind, options)
  sites.push(site)
  return site
}

interface CrawlRun extends RecordingContext {
  result: CrawlResult
  /** Names of the saved products, sorted. */
  names: string[]
}

async function crawl(site: FixtureSite, options?: RecordingContextOptions): Promise<CrawlRun> {
  const recording = createRecordingContext(site.url, options)
  const result = await crawlBrand(recording.ctx)
  const names = recording.saved.map((entry) => entry.product.name).sort()
  return { ...recording, result, names }
}

describe('crawlBrand', () => {
  it('finds every JSON-LD product listed by a sitemap index named in robots.txt', async () => {
    const site = await serve('sitemap-index', { products: 10 })
    const run = await crawl(site)
    expect(run.result).toEqual({ complete: true, pagesVisited: 12, errorCount: 0, fatal: null })
    expect(run.names).toEqual(
      fixtureProducts(10)
        .map((product) => product.name)
        .sort()
    )
    expect(run.saved[0]?.url).toMatch(/\/products\/fixture-widget-\d+$/)
    expect(run.logText()).toContain('Found 1 sitemap in robots.txt')
    expect(run.logText()).toMatch(/Done: 12 pages, 10 products, 0 errors/)
    // Progress: the known set only grows, and ends at every page visited.
    expect(run.discovered.at(-1)).toBe(12)
    expect(run.started).toHaveLength(12)
    expect(run.done.filter((page) => page.outcome === 'product')).toHaveLength(10)
    // A static site never needs the browser, and that is remembered.
    expect(run.browserRequests()).toBe(0)
    expect(run.strategySets).toEqual(['http'])
  })

  it('finds microdata products by following links and pagination, deduping tracking URLs', async () => {
    const site = await serve('links-only', { products: 8 })
    const run = await crawl(site)
    expect(run.result.complete).toBe(true)
    expect(run.names).toEqual(
      fixtureProducts(8, 'Linked Amp')
        .map((p) => p.name)
        .sort()
    )
    // Saved under canonical URLs: no utm_*, no fragment; each product once.
    expect(run.saved.map((entry) => new URL(entry.url).pathname).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `/item/${i + 1}`).sort()
    )
    // `/item/1?utm_source=catalog#reviews` and `/item/1` are one page: fetched once.
    expect(site.requests.filter((path) => path.startsWith('/item/1'))).toHaveLength(1)
    // The catalog's first page is reached as /catalog?utm... and /catalog?page=1&gclid=...: once each spelling.
    expect(site.requests.filter((path) => path.startsWith('/catalog'))).toEqual([
      '/catalog',
      '/catalog?page=2',
      '/catalog?page=1',
      '/catalog?page=3'
    ])
  })

  it('never requests a path robots.txt disallows, even one the sitemap lists', async () => {
    const site = await serve('robots-disallow')
    const run = await crawl(site)
    expect(run.names).toEqual(['Public Speaker 1', 'Public Speaker 2'])
    expect(site.requests.filter((path) => path.startsWith('/private/'))).toEqual([])
    // `/members/` is disallowed only in the group for our user agent.
    expect(site.requests.filter((path) => path.startsWith('/members/'))).toEqual([])
    expect(run.logText()).toContain('/private/secret-prototype: disallowed by robots.txt')
    expect(site.requestLog.every((request) => request.userAgent?.startsWith('BrandScraper/'))).toBe(
      true
    )
  })

  it('gets out of an endless calendar and faceted filters and still finds every product', async () => {
    const site = await serve('link-trap', { products: 5 })
    const run = await crawl(site)
    expect(run.result.complete).toBe(true)
    expect(run.names).toEqual(
      fixtureProducts(5, 'Trap Free Mixer')
        .map((p) => p.name)
        .sort()
    )
    const events = site.requests.filter((path) => path.startsWith('/events/'))
    const shop = site.requests.filter((path) => path.startsWith('/shop?'))
    expect(events.length).toBeLessThanOrEqual(200)
    expect(shop.length).toBeLessThanOrEqual(200)
    expect(run.logText()).toMatch(/Left out \d+ pages of endlessly repeating addresses/)
  })

  it('saves a redirected product under its final URL and fails loops and long chains', async () => {
    const site = await serve('redirects')
    const run = await crawl(site)
    expect(run.saved.map((entry) => entry.url).sort()).toEqual([
      `${site.origin}/products/moved-monitor-1`,
      `${site.origin}/products/moved-monitor-2`
    ])
    expect(run.logText()).toContain(`GET ${site.origin}/loop-a failed: redirect loop`)
    expect(run.logText()).toContain(`GET ${site.origin}/chain/0 failed: more than 5 redirects`)
    expect(site.requests.filter((path) => path.startsWith('/chain/'))).toHaveLength(6)
    // The redirect to localhost (another site) is refused, not followed.
    expect(run.logText()).toMatch(
      /offsite-redirect: redirects to http:\/\/localhost:\d+\/products\/elsewhere: on another site/
    )
    expect(site.requests).not.toContain('/products/elsewhere')
    expect(run.result).toMatchObject({ complete: true, errorCount: 2 })
    expect(run.done).toContainEqual({ url: `${site.origin}/loop-a`, outcome: 'failed' })
  })

  it('retries a page that fails twice with 500 and saves it, and does not retry a 404', async () => {
    const site = await serve('flaky')
    const run = await crawl(site)
    expect(run.names).toEqual(['Flaky Phono 1', 'Flaky Phono 2'])
    expect(site.countOf('/products/flaky')).toBe(3)
    expect(site.countOf('/products/missing')).toBe(1)
    expect(run.logText()).toContain(
      `GET ${site.origin}/products/flaky failed: 500 Internal Server Error, retrying in 1 s`
    )
    // A 404 is the site's dead link, not an error (issue 8): counted apart by the job runner.
    expect(run.logText()).toContain(
      `Dead link: GET ${site.origin}/products/missing answered 404 Not Found`
    )
    expect(run.done).toContainEqual({ url: `${site.origin}/products/missing`, outcome: 'dead' })
    expect(run.done.filter((page) => page.outcome === 'failed')).toEqual([])
    expect(run.result).toMatchObject({ complete: true, errorCount: 0 })
  })

  it('waits as long as a 429 Retry-After asks before asking again', async () => {
    const site = await serve('retry-after')
    const run = await crawl(site)
    expect(run.names).toEqual(['Busy Booth 1'])
    const busy = site.requestLog.filter((request) => request.path === '/products/busy')
    expect(busy).toHaveLength(2)
    expect(busy[1]!.time - busy[0]!.time).toBeGreaterThanOrEqual(950)
    expect(run.logText()).toMatch(
      /429 Too Many Requests, retrying in 1 s \(as its Retry-After asks\)/
    )
  })

  it('decodes windows-1252 (from the header) and Shift_JIS (from <meta charset>) pages', async () => {
    const site = await serve('legacy-encoding')
    const run = await crawl(site)
    expect(run.names).toEqual([legacyProductNames.windows1252, legacyProductNames.shiftJis].sort())
  })

  it('reads a gzipped sitemap', async () => {
    const site = await serve('gzip-sitemap', { products: 4 })
    const run = await crawl(site)
    expect(run.names).toEqual(
      fixtureProducts(4, 'Gzip Guitar')
        .map((p) => p.name)
        .sort()
    )
    expect(site.requests).toContain('/sitemaps/products.xml.gz')
    // The home page has no links and no scripts: no reason to open a browser.
    expect(run.browserRequests()).toBe(0)
  })

  it('skips non-HTML responses and abandons a page over 10 MB, and goes on', async () => {
    const site = await serve('non-html')
    const run = await crawl(site)
    expect(run.names).toEqual(['Normal Nord 1'])
    expect(run.logText()).toContain(
      `Skipped ${site.origin}/downloads/manual: not an HTML page (application/pdf)`
    )
    expect(run.logText()).toContain(
      `Skipped ${site.origin}/huge-page: response is over the 10 MB limit`
    )
    expect(run.done).toContainEqual({ url: `${site.origin}/downloads/manual`, outcome: 'skipped' })
    expect(run.done).toContainEqual({ url: `${site.origin}/huge-page`, outcome: 'skipped' })
    expect(run.result.complete).toBe(true)
  })

  it('stops promptly when the signal aborts mid-crawl and reports an incomplete run', async () => {
    const site = await serve('slow', { products: 40, delayMs: 400 })
    const recording = createRecordingContext(site.url)
    const original = recording.ctx.saveProduct
    recording.ctx.saveProduct = (url, product) => {
      if (recording.saved.length === 1) recording.controller.abort()
      return original(url, product)
    }
    let returned = false
    const sentBeforeReturn: string[] = []
    const sentAfterReturn: string[] = []
    const onSend = (message: unknown): void => {
      const path = (message as { request: { path: string } }).request.path
      ;(returned ? sentAfterReturn : sentBeforeReturn).push(path)
    }
    dc.subscribe('http.client.request.start', onSend)
    // Promptness is counted, not timed: 40 pages at 400 ms each would keep it busy for seconds,
    // and a stop that did not take would go on saving them.
    const result = await crawlBrand(recording.ctx)
    expect(result.complete).toBe(false)
    expect(result.fatal).toBeNull()
    expect(recording.saved.length).toBeLessThan(10)
    // Nothing is left running after the crawl returned: no request is sent later, and every
    // request the site receives later was sent before (a kept-alive connection sends at once, so
    // one sent just before the stop may be read by this same-process server just after). A
    // slower machine only makes stray requests rarer, so this wait cannot fail a correct crawl.
    returned = true
    const requestsAtEnd = site.requests.length
    await new Promise((resolve) => setTimeout(resolve, 600))
    dc.unsubscribe('http.client.request.start', onSend)
    expect(sentAfterReturn).toEqual([])
    for (const path of site.requests.slice(requestsAtEnd)) expect(sentBeforeReturn).toContain(path)
  })

  it('is fatal, with advice, when the site cannot be reached', async () => {
    // A port that was just free: nothing listens, the connection is refused at once.
    const closed = await serve({})
    await closed.close()
    const recording = createRecordingContext(closed.url)
    const result = await crawlBrand(recording.ctx)
    expect(result.complete).toBe(false)
    expect(result.fatal).toContain(`Could not reach ${closed.origin} (connection refused)`)
    expect(result.fatal).toContain('Check the website URL in the brand settings')
  })

  it('is fatal when the home page leads nowhere and there is no sitemap', async () => {
    const site = await serve({
      '/': (request) => ({
        status: 301,
        headers: { location: request.origin.replace('127.0.0.1', 'localhost') + '/' }
      })
    })
    const run = await crawl(site)
    expect(run.result.complete).toBe(false)
    expect(run.result.fatal).toMatch(/on another site, not followed/)
    expect(run.result.fatal).toContain('check the website URL in the brand settings')
  })

  it('treats a robots.txt answering 5xx as "disallow all" and requests nothing else', async () => {
    const site = await serve({
      '/robots.txt': { status: 503, body: 'down' },
      '/': contentPage('Home')
    })
    const run = await crawl(site)
    expect(run.result.complete).toBe(false)
    expect(run.result.fatal).toMatch(/robots\.txt answered 503 Service Unavailable/)
    expect(new Set(site.requests)).toEqual(new Set(['/robots.txt']))
  })

  it('honours Crawl-delay, the page cap and include/exclude patterns', async () => {
    const products = fixtureProducts(6, 'Capped Cab')
    const routes: FixtureRoutes = {
      '/robots.txt': 'User-agent: *\nCrawl-delay: 0.2\n',
      '/': contentPage('Home', [
        ...products.map((_, i) => `/products/${i + 1}`),
        '/blog/news',
        '/products/outlet-1'
      ]),
      '/blog/news': contentPage('News', []),
      '/products/outlet-1': contentPage('Outlet', [])
    }
    products.forEach((product, i) => {
      routes[`/products/${i + 1}`] = contentPage(product.name)
    })
    const site = await serve(routes)
    const run = await crawl(site, {
      settings: { include: ['/products/'], exclude: ['outlet'], maxPages: 4 },
      overrides: { minDelayMs: 0 }
    })
    expect(site.requests).not.toContain('/blog/news')
    expect(site.requests).not.toContain('/products/outlet-1')
    expect(run.result).toMatchObject({ complete: false, pagesVisited: 4 })
    expect(run.logText()).toMatch(/Stopped at the cap of 4 pages/)
    // The Crawl-delay reaches the gate (applyRobotsRules' test) and the gate spaces requests by
    // it (the gate's fake-timer tests, exactly). Arrival times at this server are not a measure:
    // under load one request's transit can eat another's spacing.
    expect(run.logText()).toContain('Crawl-delay of 0.2 s')
  })
})
