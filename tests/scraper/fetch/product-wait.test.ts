import { describe, expect, it } from 'vitest'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import { waitForProductOrQuiet } from '../../../src/scraper/fetch/product-wait'
import { useBrowserAndSites } from '../../support/browser-test-setup'
import { startFixtureSite } from '../../support/fixture-sites'
import { scriptRenderedSite } from '../../support/script-rendered-site'

const { provider, sites } = useBrowserAndSites()

describe('waitForProductOrQuiet', () => {
  it('returns when the product appears, though a long poll keeps the network busy', async () => {
    const fixture = scriptRenderedSite({ products: 2, longPoll: true })
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    const browser = await provider.get()
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${site.origin}/product/2`, { waitUntil: 'domcontentloaded' })
    // The long poll never answers: only the product markup can end this wait before the cap.
    const outcome = await waitForProductOrQuiet(page, {
      capMs: 600_000,
      quietMs: 200,
      inFlight: () => 1
    })
    expect(outcome).toBe('product')
    expect(await page.content()).toContain('<h1>Script Speaker 2</h1>')
    expect(site.countOf('/api/live?product=2')).toBe(1)

    // A page that never shows a product is done once its network is quiet, links built.
    await page.goto(site.url, { waitUntil: 'domcontentloaded' })
    const home = await waitForProductOrQuiet(page, {
      capMs: 600_000,
      quietMs: 100,
      inFlight: () => 0
    })
    expect(home).toBe('quiet')
    await context.close()
  })

  it('lets the renderer extract a long-polling page with no idle-network wait to sit out', async () => {
    const fixture = scriptRenderedSite({ products: 3, longPoll: true })
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    // A 10-minute cap: had the renderer waited for the network to go idle, this would hang.
    const renderer = createBrowserRenderer({ provider, settleTimeoutMs: 600_000 })
    const pages = await Promise.all(
      fixture.productPaths.map((path) => renderer.render(`${site.origin}${path}`))
    )
    await renderer.close()
    fixture.products.forEach((product, i) => {
      const page = pages[i]
      expect(page?.kind === 'rendered' && page.html).toContain('application/ld+json')
      expect(page?.kind === 'rendered' && page.html).toContain(`<h1>${product.name}</h1>`)
    })
  })
})
