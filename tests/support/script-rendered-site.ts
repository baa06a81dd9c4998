import { fixtureProducts, sitemapXml, type FixtureProduct } from './fixture-sites/fixture-html'
import type { FixtureRoutes } from './fixture-sites/start-fixture-site'

/** Options of {@link scriptRenderedSite}. */
export interface ScriptRenderedSiteOptions {
  /** Products. Default: 36. */
  products?: number
  /** Name prefix of the products. Default: 'Script Speaker'. */
  prefix?: string
  /**
   * Each product page also opens a long poll (`/api/live`) that never answers, as chat widgets
   * and live-stock feeds do: the network never goes idle. Default: false.
   */
  longPoll?: boolean
}

/** The site's routes, its products, and the paths a crawler never needs to request. */
export interface ScriptRenderedSite {
  routes: FixtureRoutes
  products: FixtureProduct[]
  /** Product page paths, `/product/1` …, in product order. */
  productPaths: string[]
  /** Images, fonts and stylesheets the pages reference: a crawler's browser should block them. */
  decorations: string[]
}

/** The empty shell every page is served as: all its content is built by `script`. */
function shell(title: string, script: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<title>${title}</title>` +
    '<link rel="stylesheet" href="/static/app.css">' +
    '</head><body><div id="app">Loading…</div>' +
    '<img src="/static/logo.png" alt="">' +
    `<script src="${script}"></script></body></html>`
  )
}

const productScript = (longPoll: boolean): string =>
  "const id = location.pathname.split('/').pop()\n" +
  (longPoll ? "fetch('/api/live?product=' + id).catch(() => {})\n" : '') +
  "fetch('/api/products/' + id).then((r) => r.json()).then((p) => {\n" +
  "  const ld = document.createElement('script')\n" +
  "  ld.type = 'application/ld+json'\n" +
  "  ld.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product',\n" +
  '    name: p.title, sku: p.sku, description: p.summary,\n' +
  "    offers: { '@type': 'Offer', price: p.price.amount.toFixed(2), priceCurrency: p.price.currency,\n" +
  "      availability: 'https://schema.org/' + p.stock } })\n" +
  '  document.head.appendChild(ld)\n' +
  "  const esc = (s) => String(s).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c])\n" +
  "  document.getElementById('app').innerHTML = '<h1>' + esc(p.title) + '</h1>' +\n" +
  "    '<p class=\"price\">' + p.price.amount.toFixed(2) + ' ' + p.price.currency + '</p>' +\n" +
  "    '<p>' + esc(p.summary) + '</p><a href=\"/\">All speakers</a>'\n" +
  '})\n'

const homeScript =
  "fetch('/api/products').then((r) => r.json()).then((list) => {\n" +
  "  document.getElementById('app').innerHTML = '<h1>Speakers</h1><ul>' +\n" +
  "    list.map((p) => '<li><a href=\"/product/' + p.id + '\">' + p.title + '</a></li>').join('') + '</ul>'\n" +
  '})\n'

/**
 * A client-rendered brand site (a single-page-app shop): every page is an empty shell whose
 * script fetches its product from a same-origin JSON endpoint (`/api/products/<id>`, fields of
 * its own naming) and builds the title, the price and a JSON-LD block from it. The home page
 * builds its product list from `/api/products`; robots.txt points to a sitemap of the products.
 * Pages reference a stylesheet and an image, which a crawler's browser never needs.
 */
export function scriptRenderedSite(options: ScriptRenderedSiteOptions = {}): ScriptRenderedSite {
  const products = fixtureProducts(options.products ?? 36, options.prefix ?? 'Script Speaker')
  const productPaths = products.map((_, i) => `/product/${i + 1}`)
  const routes: FixtureRoutes = {
    '/robots.txt': 'User-agent: *\nAllow: /\n\nSitemap: {{origin}}/sitemap.xml\n',
    '/sitemap.xml': { body: sitemapXml(productPaths.map((path) => `{{origin}}${path}`)) },
    '/': shell('Speakers', '/static/home.js'),
    '/product/*': shell('Speaker', '/static/product.js'),
    '/static/home.js': homeScript,
    '/static/product.js': productScript(options.longPoll === true),
    '/static/app.css': { body: 'body { font-family: sans-serif }', contentType: 'text/css' },
    '/static/logo.png': { body: Buffer.from('89504e470d0a1a0a', 'hex'), contentType: 'image/png' },
    '/api/products': {
      body: JSON.stringify(products.map((product, i) => ({ id: i + 1, title: product.name }))),
      contentType: 'application/json'
    },
    '/api/products/*': (request) => {
      const product = products[Number(request.pathname.split('/').pop()) - 1]
      if (product == null) return { status: 404, body: '{}', contentType: 'application/json' }
      return {
        contentType: 'application/json',
        body: JSON.stringify({
          id: product.sku,
          sku: product.sku,
          title: product.name,
          summary: `The ${product.name}, built by script.`,
          price: { amount: product.price, currency: product.currency ?? 'EUR' },
          stock: 'InStock'
        })
      }
    },
    // Never answers: the socket stays open until the site closes.
    '/api/live': { hang: true }
  }
  return {
    routes,
    products,
    productPaths,
    decorations: ['/static/app.css', '/static/logo.png']
  }
}
