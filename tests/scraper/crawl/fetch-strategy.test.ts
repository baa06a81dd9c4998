import { bareProduct } from '../../support/bare-product'
import { describe, expect, it } from 'vitest'
import type { PageExtraction } from '../../../src/scraper/extract/extract-product'
import type { LoadedPage } from '../../../src/scraper/fetch/page-loader'
import { FetchStrategy, needsBrowser } from '../../../src/scraper/crawl/fetch-strategy'

function strategy(
  remembered: 'http' | 'browser' | null,
  browserOnly = false
): { strategy: FetchStrategy; logged: string[] } {
  const logged: string[] = []
  return {
    strategy: new FetchStrategy({ remembered, browserOnly, log: (_level, m) => logged.push(m) }),
    logged
  }
}

describe('FetchStrategy', () => {
  it('starts with HTTP, and remembers HTTP once plain pages gave products', () => {
    const { strategy: s, logged } = strategy(null)
    expect(s.mode).toBe('http')
    expect(s.learned()).toBeNull()
    s.productFound('http')
    expect(s.learned()).toBe('http')
    expect(logged).toEqual([])
  })

  it('starts with the browser when the brand needed it last time, or the run asks', () => {
    const remembered = strategy('browser')
    expect(remembered.strategy.mode).toBe('browser')
    expect(remembered.logged).toEqual([
      'This site needed the browser last time: fetching pages with it'
    ])
    const forced = strategy('http', true)
    expect(forced.strategy.mode).toBe('browser')
    expect(forced.logged).toEqual(['Fetching every page with the browser, as asked'])
    // A forced browser says nothing about what the site needs.
    forced.strategy.rescued()
    expect(forced.strategy.learned()).toBeNull()
  })

  it('switches to the browser after two rescues while plain HTML gave nothing, and remembers it', () => {
    const { strategy: s, logged } = strategy(null)
    s.rescued()
    expect(s.mode).toBe('http')
    s.rescued()
    expect(s.mode).toBe('browser')
    expect(logged).toEqual([
      'Product pages of this site are rendered by scripts: using the browser for the rest of the crawl'
    ])
    expect(s.learned()).toBe('browser')
  })

  it('keeps HTTP when plain pages give products too, and remembers what gave the most', () => {
    const { strategy: s } = strategy(null)
    s.productFound('http')
    s.productFound('http')
    s.rescued()
    s.rescued()
    expect(s.mode).toBe('http')
    // As many rescues as HTTP products: the site needs the browser.
    expect(s.learned()).toBe('browser')
    s.productFound('http')
    expect(s.learned()).toBe('http')
  })
})

describe('needsBrowser', () => {
  const site = 'https://brand.test/'
  const page = (hasScripts: boolean): LoadedPage => ({
    finalUrl: site,
    html: '',
    via: 'http',
    hasScripts
  })
  const extraction = (overrides: Partial<PageExtraction>): PageExtraction => ({
    product: null,
    canonicalUrl: null,
    links: [],
    nextPageUrl: null,
    looksScriptRendered: false,
    ...overrides
  })

  it('says yes for a script shell, and for a home page whose scripts build the only way in', () => {
    expect(needsBrowser(page(true), extraction({ looksScriptRendered: true }), false, site)).toBe(
      true
    )
    expect(needsBrowser(page(true), extraction({}), true, site)).toBe(true)
    // Links only to itself and to other sites are no way in either.
    const selfAndAway = extraction({ links: [`${site}#top`, 'https://other.test/'] })
    expect(needsBrowser(page(true), selfAndAway, true, site)).toBe(true)
  })

  it('says no for a product, a page without scripts, or a home page with links into the site', () => {
    const product = extraction({
      looksScriptRendered: true,
      product: bareProduct('Widget')
    })
    expect(needsBrowser(page(true), product, true, site)).toBe(false)
    expect(needsBrowser(page(false), extraction({}), true, site)).toBe(false)
    expect(needsBrowser(page(true), extraction({ links: [`${site}products`] }), true, site)).toBe(
      false
    )
    expect(needsBrowser(page(true), extraction({}), false, site)).toBe(false)
  })
})
