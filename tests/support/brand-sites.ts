import {
  contentPage,
  fixtureProducts,
  jsonLdProductPage,
  linkList,
  microdataProductPage,
  sitemapIndexXml,
  sitemapXml,
  type FixtureProduct
} from './fixture-sites/fixture-html'
import type { FixtureRoutes } from './fixture-sites/start-fixture-site'

/** Options of {@link sitemapBrandSite}. */
export interface SitemapBrandSiteOptions {
  products?: number
  /** Each product page answers after this many ms (to catch a run in the middle). */
  productDelayMs?: number
  prefix?: string
}

/**
 * A brand site found through robots.txt → sitemap index → two sitemaps of JSON-LD products; the
 * sitemap also lists `/private/…` pages that robots.txt disallows and must never be requested.
 */
export function sitemapBrandSite(options: SitemapBrandSiteOptions = {}): {
  routes: FixtureRoutes
  products: FixtureProduct[]
  disallowed: string[]
} {
  const products = fixtureProducts(options.products ?? 6, options.prefix ?? 'Sitemap Monitor')
  const half = Math.ceil(products.length / 2)
  const disallowed = ['/private/prototype-1', '/private/prototype-2']
  const routes: FixtureRoutes = {
    '/robots.txt': {
      body: 'User-agent: *\nDisallow: /private/\n\nSitemap: {{origin}}/sitemap-index.xml\n',
      contentType: 'text/plain'
    },
    '/sitemap-index.xml': sitemapIndexXml([
      '{{origin}}/sitemaps/products-1.xml',
      '{{origin}}/sitemaps/products-2.xml'
    ]),
    '/sitemaps/products-1.xml': sitemapXml([
      ...products.slice(0, half).map((_, i) => `{{origin}}/products/${i + 1}`),
      ...disallowed.map((path) => `{{origin}}${path}`)
    ]),
    '/sitemaps/products-2.xml': sitemapXml(
      products.slice(half).map((_, i) => `{{origin}}/products/${half + i + 1}`)
    ),
    '/': contentPage('Sitemap Audio', [{ href: '/about', text: 'About us' }]),
    '/about': contentPage('About Sitemap Audio'),
    '/private/*': jsonLdProductPage({ name: 'Secret Prototype', sku: 'SECRET', price: 1 })
  }
  products.forEach((product, i) => {
    routes[`/products/${i + 1}`] = {
      body: jsonLdProductPage(product),
      delayMs: options.productDelayMs
    }
  })
  return { routes, products, disallowed }
}

/** A site without sitemaps: products reachable only through category links, in microdata. */
export function linkedBrandSite(count = 4): { routes: FixtureRoutes; products: FixtureProduct[] } {
  const products = fixtureProducts(count, 'Linked Mixer')
  const routes: FixtureRoutes = {
    '/robots.txt': { body: 'User-agent: *\nDisallow: /admin/\n', contentType: 'text/plain' },
    '/': contentPage('Linked Audio', [
      { href: '/category/mixers', text: 'Mixers' },
      { href: '/admin/login', text: 'Dealer login' }
    ]),
    '/category/mixers': contentPage(
      'Mixers',
      products.map((product, i) => ({ href: `/mixers/${i + 1}`, text: product.name }))
    ),
    '/admin/*': contentPage('Admin')
  }
  products.forEach((product, i) => {
    routes[`/mixers/${i + 1}`] = microdataProductPage(product, {
      body: linkList([{ href: '/category/mixers', text: 'Back to mixers' }])
    })
  })
  return { routes, products }
}
