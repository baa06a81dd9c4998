/**
 * The generic crawler of the crawler benchmark (bench/measure-crawlers.ts): Crawlee's
 * PlaywrightCrawler set up as its documentation shows, on Debian's Chromium, finding pages the way
 * our worker does (robots.txt → sitemaps, then links) and reading the JSON-LD Product of each
 * page. Its wait is as smart as a generic crawler's can be: the JSON-LD script, or the network
 * going idle, whichever comes first (capped at 5 s), after Crawlee's own wait for `load`.
 *
 * `node --import tsx bench/crawlee-baseline.ts URL CONCURRENCY OUT.json`, with
 * CRAWLEE_STORAGE_DIR set to a temporary folder. Writes `{ "products": [{ url, name }] }`.
 */
import { writeFileSync } from 'node:fs'
import { Configuration, PlaywrightCrawler } from '@crawlee/playwright'
import { RobotsTxtFile, Sitemap } from '@crawlee/utils'
import { chromium } from 'playwright'

const [siteUrl, concurrencyText, outFile] = process.argv.slice(2)
if (siteUrl == null || outFile == null) {
  process.stderr.write('usage: crawlee-baseline.ts URL CONCURRENCY OUT.json\n')
  process.exit(2)
}
const concurrency = Number(concurrencyText ?? 4)
const products: Array<{ url: string; name: string }> = []

/** In the page: the name of the first JSON-LD Product, or null. */
const readJsonLdProduct = `(() => {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const data = JSON.parse(script.textContent || '')
      for (const item of Array.isArray(data) ? data : [data]) {
        if (item && item['@type'] === 'Product') return String(item.name)
      }
    } catch {}
  }
  return null
})()`

const crawler = new PlaywrightCrawler(
  {
    maxConcurrency: concurrency,
    respectRobotsTxtFile: true,
    minConcurrency: concurrency,
    launchContext: {
      launcher: chromium,
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync'
        ]
      }
    },
    async requestHandler({ page, request, enqueueLinks }): Promise<void> {
      await Promise.race([
        page.waitForSelector('script[type="application/ld+json"]', { state: 'attached' }),
        page.waitForLoadState('networkidle'),
        new Promise((resolve) => setTimeout(resolve, 5_000))
      ]).catch(() => undefined)
      const name = (await page.evaluate(readJsonLdProduct)) as string | null
      if (name != null) products.push({ url: request.loadedUrl ?? request.url, name })
      await enqueueLinks({ strategy: 'same-origin' })
    }
  },
  new Configuration({ persistStorage: false })
)

const robots = await RobotsTxtFile.find(siteUrl)
const sitemap = await Sitemap.load(robots.getSitemaps())
await crawler.run([siteUrl, ...sitemap.urls])
writeFileSync(outFile, JSON.stringify({ products }))
