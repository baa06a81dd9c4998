import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import { createBrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import type { BrowserCrawlReport } from '../../support/browser-crawl-child'
import {
  createRecordingContext,
  fixtureProducts,
  htmlPage,
  jsonLdProductPage,
  linkList,
  startFixtureSite
} from '../../support/fixture-sites'
import { makeTestCertificate, startHttpsFixtureSite } from '../../support/https-fixture-site'
import { repositoryRoot, spawnProcess } from '../../support/spawn-process'
import { makeTempDir } from '../../support/temp-dir'
import { browserPid, useBrowserAndSites } from '../../support/browser-test-setup'

// One real Chromium (found by findChromium: /usr/bin/chromium here) for the whole file.
const { provider: browser, sites } = useBrowserAndSites()

const productNames = fixtureProducts(3, 'Script Synth').map((product) => product.name)

describe('crawlBrand with a client-rendered site', () => {
  it('uses the browser where scripts build the page, and remembers that the site needs it', async () => {
    const site = await startFixtureSite('client-rendered', { products: 3 })
    sites.push(site)
    const run = createRecordingContext(site.url, { browser })
    const result = await crawlBrand(run.ctx)
    expect(result).toMatchObject({ complete: true, errorCount: 0, fatal: null })
    expect(run.saved.map((entry) => entry.product.name).sort()).toEqual(productNames)
    expect(run.saved.map((entry) => entry.url).sort()).toEqual([
      `${site.origin}/p/1`,
      `${site.origin}/p/2`,
      `${site.origin}/p/3`
    ])
    // The product data only exists in the JSON the page's script fetches: the browser ran it.
    expect(site.requests).toContain('/api/product/1.json')
    expect(run.strategySets).toEqual(['browser'])
    // Images are blocked in the browser: never downloaded.
    expect(site.requests.filter((path) => path.startsWith('/img/'))).toEqual([])
  })

  it('goes straight to the browser when the brand needed it last time', async () => {
    const site = await startFixtureSite('client-rendered', { products: 3 })
    sites.push(site)
    const run = createRecordingContext(site.url, { browser, strategy: 'browser' })
    const result = await crawlBrand(run.ctx)
    expect(result).toMatchObject({ complete: true, errorCount: 0 })
    expect(run.saved.map((entry) => entry.product.name).sort()).toEqual(productNames)
    // Each page loaded once, by the browser: no plain-HTTP attempt first.
    for (const path of ['/', '/p/1', '/p/2', '/p/3']) expect(site.countOf(path)).toBe(1)
    expect(run.logText()).toContain('This site needed the browser last time')
  })

  it('renders every page in the browser when browserOnly is set, static pages too', async () => {
    const site = await startFixtureSite('sitemap-index', { products: 3 })
    sites.push(site)
    const run = createRecordingContext(site.url, {
      browser,
      overrides: { minDelayMs: 0, browserOnly: true }
    })
    const result = await crawlBrand(run.ctx)
    expect(result).toMatchObject({ complete: true, errorCount: 0 })
    expect(run.saved).toHaveLength(3)
    // A benchmark's forced mode says nothing about what the brand needs: nothing remembered.
    expect(run.strategySets).toEqual([])
  })
})

describe('crawlBrand recycling the browser process', () => {
  it('closes and relaunches Chromium every few pages, and saves every product', async () => {
    const site = await startFixtureSite('sitemap-index', { products: 5 })
    sites.push(site)
    const pids: Array<Promise<number>> = []
    const recycles: string[] = []
    const recycling = createBrowserProvider({
      recycleAfterPages: 2,
      onLaunch: (_location, launched) => pids.push(browserPid(launched)),
      onRecycle: (message) => recycles.push(message)
    })
    const run = createRecordingContext(site.url, {
      browser: recycling,
      overrides: { minDelayMs: 0, browserOnly: true, concurrency: 2 }
    })
    const result = await crawlBrand(run.ctx)
    await recycling.close()
    expect(result).toMatchObject({ complete: true, errorCount: 0, fatal: null })
    expect(run.saved.map((entry) => entry.product.name).sort()).toEqual(
      fixtureProducts(5).map((product) => product.name)
    )
    // Seven pages (home, about, five products), two per browser: four Chromium processes.
    const seen = new Set(await Promise.all(pids))
    expect(seen.size).toBeGreaterThan(1)
    expect(seen.has(-1)).toBe(false)
    expect(recycles.length).toBe(seen.size - 1)
    expect(recycles[0]).toBe('Restarting the browser after 2 pages, once its open pages finished')
  })
})

/** Runs tests/support/browser-crawl-child.ts trusting the certificate, and reads its report. */
async function crawlInChild(
  siteUrl: string,
  certFile: string,
  spki: string
): Promise<BrowserCrawlReport> {
  const tsx = join(repositoryRoot, 'node_modules', '.bin', 'tsx')
  const child = join(repositoryRoot, 'tests', 'support', 'browser-crawl-child.ts')
  const { code, stdout, stderr } = await spawnProcess(tsx, [child], {
    env: { NODE_EXTRA_CA_CERTS: certFile, CRAWL_SITE_URL: siteUrl, CRAWL_CERT_SPKI: spki }
  }).done
  const last = stdout.trim().split('\n').pop() ?? ''
  if (code === 0 && last.startsWith('{')) return JSON.parse(last) as BrowserCrawlReport
  throw new Error(`the crawl exited with ${code}:\n${stdout}\n${stderr}`)
}

describe('crawlBrand over HTTPS with responses over the size cap', () => {
  it('refuses each page with a response over 10 MB, saying why, and saves the others', async () => {
    const temp = makeTempDir('https-crawl-')
    const certificate = makeTestCertificate(temp.dir)
    const products = fixtureProducts(3, 'Secure Synth')
    const heavy = { name: 'Secure Synth Heavy', sku: 'SS-HEAVY', price: 99 }
    const thirtyMb = 30 * 1024 * 1024
    // Its product only appears once the 30 MB the script fetches has arrived: capped, it never does.
    const heavyPage = htmlPage({
      title: 'Loading',
      body:
        '<div id="out">loading</div><script>fetch("/data/huge.json").then((r) => r.text())' +
        `.then(() => { document.body.insertAdjacentHTML("beforeend", ${JSON.stringify(
          jsonLdProductPage(heavy)
        ).replaceAll('</', '<\\/')}) })</script>`
    })
    const site = await startHttpsFixtureSite(
      {
        '/': htmlPage({
          title: 'Secure Audio',
          body: linkList(['/p/1', '/p/2', '/p/3', '/huge', '/p/heavy'])
        }),
        '/p/1': jsonLdProductPage(products[0]!),
        '/p/2': jsonLdProductPage(products[1]!),
        '/p/3': jsonLdProductPage(products[2]!),
        '/huge': {
          streamBytes: thirtyMb,
          contentType: 'text/html',
          prefix: '<html><body><script type="application/json">',
          fill: '1234567890'
        },
        '/p/heavy': heavyPage,
        '/data/huge.json': { streamBytes: thirtyMb, contentType: 'application/json' }
      },
      certificate
    )
    try {
      const report = await crawlInChild(site.url, certificate.certFile, certificate.spkiSha256)
      expect(report.result).toMatchObject({ complete: true, errorCount: 2, fatal: null })
      expect(report.saved).toEqual(products.map((product) => product.name))
      const refusals = report.logs.filter((entry) => entry.message.includes('over 10 MB'))
      // Nothing else went wrong: the two refusals are the crawl's only warnings.
      expect(
        report.logs.filter((entry) => entry.level !== 'info' && entry.level !== 'debug')
      ).toEqual(refusals)
      expect(refusals).toEqual([
        {
          level: 'warn',
          message: expect.stringMatching(
            new RegExp(`${site.origin}/huge: response over 10 MB — skipped`)
          )
        },
        {
          level: 'warn',
          message: expect.stringContaining(
            `${site.origin}/p/heavy: response over 10 MB — skipped (${site.origin}/data/huge.json)`
          )
        }
      ])
    } finally {
      await site.close()
      temp.cleanup()
    }
  })
})
