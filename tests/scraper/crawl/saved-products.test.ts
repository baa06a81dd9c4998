import { bareProduct } from '../../support/bare-product'
import { describe, expect, it } from 'vitest'
import { CrawlFrontier } from '../../../src/scraper/crawl/crawl-frontier'
import { SavedProducts } from '../../../src/scraper/crawl/saved-products'

const site = 'https://brand.test/'

describe('SavedProducts', () => {
  it('saves each product once, under a same-site rel=canonical or else where its page ended', () => {
    const frontier = new CrawlFrontier({ siteUrl: site })
    const saved: string[] = []
    const products = new SavedProducts({
      siteUrl: site,
      frontier,
      save: (url) => {
        saved.push(url)
        return 'new'
      },
      log: () => undefined
    })
    products.found(
      {
        listedUrl: `${site}shop/amp?ref=nav`,
        finalUrl: `${site}shop/amp`,
        declaredUrl: `${site}products/amp?utm_source=x`
      },
      bareProduct('Amp')
    )
    // The same product by another path: saved already.
    products.found(
      { listedUrl: `${site}amp`, finalUrl: `${site}amp`, declaredUrl: `${site}products/amp` },
      bareProduct('Amp')
    )
    // A canonical on another site is not trusted.
    products.found(
      {
        listedUrl: `${site}mixer`,
        finalUrl: `${site}mixer`,
        declaredUrl: 'https://reseller.test/mixer'
      },
      bareProduct('Mixer')
    )
    expect(saved).toEqual([`${site}products/amp`, `${site}mixer`])
    expect(products.count).toBe(2)
    expect(products.has(`${site}products/amp`)).toBe(true)
    // The canonical address is known to the frontier: not fetched again.
    expect(frontier.offer(`${site}products/amp`, 1, 'link')).toBe(false)
  })
})
