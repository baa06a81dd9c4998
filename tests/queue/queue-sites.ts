import { linkedBrandSite, sitemapBrandSite } from '../support/brand-sites'
import { fixtureProducts, startFixtureSite, type FixtureSite } from '../support/fixture-sites/index'

/** A fixture brand site and the product names it lists. */
export interface QueueSite {
  name: string
  site: FixtureSite
  products: string[]
}

/**
 * `count` fixture brand sites of the kinds the many-workers test uses (sitemaps, links only),
 * each with its own products; `productDelayMs` slows every product page (to catch a crawl in
 * the middle).
 */
export async function startQueueSites(count: number, productDelayMs = 0): Promise<QueueSite[]> {
  const names = [
    'Atlas',
    'Boreal',
    'Cirrus',
    'Delta',
    'Echo',
    'Fjord',
    'Gale',
    'Halo',
    'Ion',
    'Jade'
  ]
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `${names[i % names.length]} Audio ${i + 1}`
      if (i % 3 === 2) {
        const site = await startFixtureSite('links-only', { products: 12 })
        return { name, site, products: fixtureProducts(12, 'Linked Amp').map((p) => p.name) }
      }
      const built =
        i % 3 === 1 && productDelayMs === 0
          ? linkedBrandSite(16)
          : sitemapBrandSite({
              products: 12 + 4 * i,
              productDelayMs,
              prefix: `${names[i % names.length]} ${i}`
            })
      const site = await startFixtureSite(built.routes)
      return { name, site, products: built.products.map((p) => p.name) }
    })
  )
}
