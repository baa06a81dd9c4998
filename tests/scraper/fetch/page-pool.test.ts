import { describe, expect, it } from 'vitest'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import { useBrowserAndSites } from '../../support/browser-test-setup'
import { startFixtureSite } from '../../support/fixture-sites'
import { scriptRenderedSite } from '../../support/script-rendered-site'

const { provider, sites } = useBrowserAndSites()

describe('createPagePool, through createBrowserRenderer', () => {
  it('reuses a few tabs for many pages and never fetches images or stylesheets', async () => {
    const fixture = scriptRenderedSite({ products: 12 })
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    let created = 0
    const renderer = createBrowserRenderer({
      provider,
      maxOpenPages: 2,
      onPageCreated: () => created++
    })
    const pages = await Promise.all(
      fixture.productPaths.map((path) => renderer.render(`${site.origin}${path}`))
    )
    await renderer.close()
    expect(pages.map((page) => page.kind)).toEqual(fixture.productPaths.map(() => 'rendered'))
    fixture.products.forEach((product, i) => {
      const page = pages[i]
      expect(page?.kind === 'rendered' && page.html).toContain(`<h1>${product.name}</h1>`)
    })
    // Twelve pages, two tabs at most at once: the tabs were lent again, not opened per page.
    expect(created).toBeLessThanOrEqual(2)
    expect(renderer.pagesCreated).toBe(created)
    // Each page's own product JSON was fetched: the scripts ran...
    for (let id = 1; id <= 12; id++) expect(site.countOf(`/api/products/${id}`)).toBe(1)
    // ...but the decorations they reference never left the browser.
    for (const path of fixture.decorations) expect(site.countOf(path)).toBe(0)
  })

  it('recycles the context when the memory budget says so, and keeps rendering', async () => {
    const fixture = scriptRenderedSite({ products: 4 })
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    let created = 0
    const renderer = createBrowserRenderer({
      provider,
      maxOpenPages: 1,
      shouldRecycle: () => true,
      onPageCreated: () => created++
    })
    for (const path of fixture.productPaths) {
      const page = await renderer.render(`${site.origin}${path}`)
      expect(page.kind).toBe('rendered')
    }
    await renderer.close()
    // Over budget after every page: each page got a fresh context, hence a fresh tab.
    expect(created).toBe(4)
  })
})
