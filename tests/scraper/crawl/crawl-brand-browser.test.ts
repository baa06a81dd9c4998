import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import { createBrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import {
  createRecordingContext,
  fixtureProducts,
  startFixtureSite,
  type FixtureSite
} from '../../support/fixture-sites'

// One real Chromium (found by findChromium: /usr/bin/chromium here) for the whole file.
const browser = createBrowserProvider()
const sites: FixtureSite[] = []

afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()))
})

afterAll(async () => {
  await browser.close()
})

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
