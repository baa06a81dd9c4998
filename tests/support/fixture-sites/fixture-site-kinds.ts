import { gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import {
  contentPage,
  fixtureProducts,
  htmlPage,
  jsonLdProductPage,
  linkList,
  microdataProductPage,
  sitemapIndexXml,
  sitemapXml,
  type FixtureProduct
} from './fixture-html'
import type { FixtureResponse, FixtureRoutes } from './start-fixture-site'

/** Options of the ready-made sites. */
export interface FixtureKindOptions {
  /** Products on sites with a variable number of them. Default: per site (see each). */
  products?: number
  /** Delay of each product page, in ms (`slow` site). Default: 300. */
  delayMs?: number
}

/** `fixture-widget-3` for "Fixture Widget 3". */
export function productSlug(product: FixtureProduct): string {
  return product.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
}

/** Product pages at `/products/<slug>` served as JSON-LD. */
function jsonLdProductRoutes(products: FixtureProduct[], prefix = '/products/'): FixtureRoutes {
  return Object.fromEntries(
    products.map((product) => [`${prefix}${productSlug(product)}`, jsonLdProductPage(product)])
  )
}

/**
 * Sitemap index in robots.txt → two product sitemaps and a page sitemap; JSON-LD products (10 by
 * default) linked from nowhere else, so only the sitemaps can find them.
 */
function sitemapIndexSite(options: FixtureKindOptions): FixtureRoutes {
  const products = fixtureProducts(options.products ?? 10)
  const half = Math.ceil(products.length / 2)
  const loc = (product: FixtureProduct): string => `{{origin}}/products/${productSlug(product)}`
  return {
    '/robots.txt': 'User-agent: *\nAllow: /\n\nSitemap: {{origin}}/sitemap_index.xml\n',
    '/sitemap_index.xml': {
      body: sitemapIndexXml([
        '{{origin}}/sitemaps/products-1.xml',
        '{{origin}}/sitemaps/products-2.xml',
        '{{origin}}/sitemaps/pages.xml'
      ])
    },
    '/sitemaps/products-1.xml': { body: sitemapXml(products.slice(0, half).map(loc)) },
    '/sitemaps/products-2.xml': { body: sitemapXml(products.slice(half).map(loc)) },
    '/sitemaps/pages.xml': { body: sitemapXml(['{{origin}}/', '{{origin}}/about']) },
    '/': contentPage('Fixture Audio', ['/about']),
    '/about': contentPage('About Fixture Audio', ['/']),
    ...jsonLdProductRoutes(products)
  }
}

/**
 * No robots.txt, no sitemap: home → paginated catalog (3 per page, rel=next and "Next ›") →
 * microdata product pages (8 by default). Links carry tracking parameters and fragments.
 */
function linksOnlySite(options: FixtureKindOptions): FixtureRoutes {
  const products = fixtureProducts(options.products ?? 8, 'Linked Amp')
  const perPage = 3
  const pages = Math.ceil(products.length / perPage)
  const catalogPage = (page: number): string => {
    const items = products.slice((page - 1) * perPage, page * perPage)
    const links = items.map((product, i) => ({
      href: `/item/${(page - 1) * perPage + i + 1}${i === 0 ? '?utm_source=catalog#reviews' : ''}`,
      text: product.name
    }))
    const next =
      page < pages
        ? linkList([{ href: `/catalog?page=${page + 1}`, text: 'Next ›', rel: 'next' }])
        : ''
    return contentPage(`Catalog, page ${page}`, links, next)
  }
  return {
    '/': contentPage('Linked Audio', [
      { href: '/catalog?utm_source=home&utm_medium=nav', text: 'Catalog' },
      { href: '/about#team', text: 'About' },
      { href: 'mailto:info@example.com', text: 'Mail us' }
    ]),
    '/about': contentPage('About', ['/catalog', '/']),
    '/catalog': (request) => catalogPage(Number(request.query.get('page') ?? '1')),
    '/item/*': (request) => {
      const index = Number(request.pathname.split('/').pop()) - 1
      const product = products[index]
      if (product == null) return { status: 404, body: 'no such item' }
      return microdataProductPage(product, {
        body: linkList([{ href: '/catalog?page=1&gclid=abc', text: 'Back to the catalog' }])
      })
    }
  }
}

/**
 * robots.txt disallows `/private/` for everyone and `/members/` for BrandScraper; the sitemap lists
 * pages under both, and the home page links to them. Two public products.
 */
function robotsDisallowSite(): FixtureRoutes {
  const [first, second] = fixtureProducts(2, 'Public Speaker') as [FixtureProduct, FixtureProduct]
  const secret = { name: 'Secret Prototype', sku: 'SECRET-1', price: 999 }
  return {
    '/robots.txt':
      'User-agent: *\nDisallow: /private/\n\n' +
      'User-agent: BrandScraper\nDisallow: /private/\nDisallow: /members/\n\n' +
      'Sitemap: {{origin}}/sitemap.xml\n',
    '/sitemap.xml': {
      body: sitemapXml([
        '{{origin}}/products/public-speaker-1',
        '{{origin}}/private/secret-prototype',
        '{{origin}}/members/deal'
      ])
    },
    '/': contentPage('Robots Audio', [
      '/products/public-speaker-2',
      '/private/hidden',
      '/members/login'
    ]),
    '/products/public-speaker-1': jsonLdProductPage(first),
    '/products/public-speaker-2': jsonLdProductPage(second),
    '/private/*': jsonLdProductPage(secret),
    '/members/*': jsonLdProductPage(secret)
  }
}

/**
 * Everything built by scripts: the home page fetches the product list and writes its links; each
 * product page fetches its JSON and writes JSON-LD and a heading. Pages embed an image, which the
 * browser must not download. 3 products by default.
 */
function clientRenderedSite(options: FixtureKindOptions): FixtureRoutes {
  const products = fixtureProducts(options.products ?? 3, 'Script Synth')
  const shell = (script: string): string =>
    '<!doctype html><html><head><meta charset="utf-8"><title>Loading…</title></head>' +
    `<body><div id="root"></div><img src="/img/logo.png" alt=""><script src="${script}"></script></body></html>`
  return {
    '/': shell('/app.js'),
    '/app.js':
      "fetch('/api/products.json').then((r) => r.json()).then((list) => {\n" +
      "  document.getElementById('root').innerHTML = '<h1>Script Synths</h1><ul>' +\n" +
      "    list.map((p) => '<li><a href=\"/p/' + p.id + '\">' + p.name + '</a></li>').join('') + '</ul>'\n" +
      '})\n',
    '/api/products.json': {
      body: JSON.stringify(products.map((product, i) => ({ id: i + 1, name: product.name })))
    },
    '/p/*': shell('/product.js'),
    '/product.js':
      "const id = location.pathname.split('/').pop()\n" +
      "fetch('/api/product/' + id + '.json').then((r) => r.json()).then((p) => {\n" +
      "  const ld = document.createElement('script')\n" +
      "  ld.type = 'application/ld+json'\n" +
      "  ld.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: p.name, sku: p.sku,\n" +
      "    offers: { '@type': 'Offer', price: String(p.price), priceCurrency: 'EUR' } })\n" +
      '  document.head.appendChild(ld)\n' +
      "  document.getElementById('root').innerHTML = '<h1>' + p.name + '</h1><p>' + p.description + '</p>'\n" +
      '})\n',
    '/api/product/*': (request) => {
      const index = Number(request.pathname.replace(/\D+/g, '')) - 1
      const product = products[index]
      if (product == null) return { status: 404, body: '{}' }
      return {
        contentType: 'application/json',
        body: JSON.stringify({
          ...product,
          description: `The ${product.name}, rendered by script.`
        })
      }
    },
    '/img/*': { contentType: 'image/png', body: Buffer.from('89504e470d0a1a0a', 'hex') }
  }
}

function isoDay(day: number): string {
  return new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Two traps around 5 real products (by default): an endless event calendar (each day links 40 days
 * either way) and a shop with faceted filters and endless paging, every combination a new URL.
 */
function linkTrapSite(options: FixtureKindOptions): FixtureRoutes {
  const products = fixtureProducts(options.products ?? 5, 'Trap Free Mixer')
  const colors = ['red', 'green', 'blue', 'black', 'white', 'silver']
  const sizes = ['xs', 's', 'm', 'l', 'xl', 'xxl']
  const sorts = ['price', 'name', 'new', 'popular']
  const productLinks = products.map((product) => `/shop/${productSlug(product)}`)
  return {
    '/': contentPage('Trap Audio', ['/events/2025-01-01', '/shop', ...productLinks.slice(0, 1)]),
    '/events/*': (request) => {
      const day = Math.round(
        (Date.parse(request.pathname.slice('/events/'.length)) - Date.UTC(2025, 0, 1)) / 86_400_000
      )
      if (Number.isNaN(day)) return { status: 404, body: 'bad date' }
      const links: string[] = []
      for (let offset = -40; offset <= 40; offset++) {
        if (offset !== 0) links.push(`/events/${isoDay(day + offset)}`)
      }
      return contentPage(`Events on ${isoDay(day)}`, links)
    },
    '/shop': (request) => {
      const with_ = (name: string, value: string): string => {
        const query = new URLSearchParams(request.query)
        query.set(name, value)
        return `/shop?${query.toString()}`
      }
      const page = Number(request.query.get('page') ?? '1')
      const links = [
        ...colors.map((color) => with_('color', color)),
        ...sizes.map((size) => with_('size', size)),
        ...sorts.map((sort) => with_('sort', sort)),
        with_('page', String(page + 1)),
        ...productLinks
      ]
      return contentPage(`Shop ${request.query.toString()}`, links)
    },
    ...jsonLdProductRoutes(products, '/shop/')
  }
}

/**
 * Redirects: a moved product (301, to a URL with tracking parameters), a two-hop move (302 then
 * 307), a loop, a chain of 10, and a redirect to another site (`localhost` instead of 127.0.0.1),
 * which must not be followed.
 */
function redirectSite(): FixtureRoutes {
  const [renamed, second] = fixtureProducts(2, 'Moved Monitor') as [FixtureProduct, FixtureProduct]
  const redirect = (status: number, location: string): FixtureResponse => ({
    status,
    headers: { location },
    body: ''
  })
  return {
    '/': contentPage('Redirect Audio', [
      '/old-product',
      '/moved-twice',
      '/loop-a',
      '/chain/0',
      '/offsite-redirect'
    ]),
    '/old-product': redirect(301, '/products/moved-monitor-1?utm_source=redirect'),
    '/moved-twice': redirect(302, '/moved-once'),
    // An absolute Location this time; header values get no {{origin}} substitution, hence the function.
    '/moved-once': (request) => redirect(307, `${request.origin}/products/moved-monitor-2`),
    '/loop-a': redirect(302, '/loop-b'),
    '/loop-b': redirect(302, '/loop-a'),
    '/chain/*': (request) => {
      const step = Number(request.pathname.split('/').pop())
      return redirect(302, `/chain/${step + 1}`)
    },
    '/offsite-redirect': (request) =>
      redirect(302, `${request.origin.replace('127.0.0.1', 'localhost')}/products/elsewhere`),
    '/products/moved-monitor-1': jsonLdProductPage(renamed),
    '/products/moved-monitor-2': jsonLdProductPage(second),
    '/products/elsewhere': jsonLdProductPage({ name: 'Elsewhere', sku: 'X', price: 1 })
  }
}

/** `/products/flaky` answers 500 twice, then the product; `/products/missing` is a 404. */
function flakySite(): FixtureRoutes {
  const [flaky, steady] = fixtureProducts(2, 'Flaky Phono') as [FixtureProduct, FixtureProduct]
  return {
    '/': contentPage('Flaky Audio', ['/products/flaky', '/products/missing', '/products/steady']),
    '/products/flaky': (request) =>
      request.count <= 2
        ? { status: 500, body: 'Internal Server Error' }
        : jsonLdProductPage(flaky),
    '/products/steady': jsonLdProductPage(steady),
    '/products/missing': { status: 404, body: 'Not Found' }
  }
}

/** `/products/busy` answers 429 with `Retry-After: 1` once, then the product. */
function retryAfterSite(): FixtureRoutes {
  const [busy] = fixtureProducts(1, 'Busy Booth') as [FixtureProduct]
  return {
    '/': contentPage('Busy Audio', ['/products/busy']),
    '/products/busy': (request) =>
      request.count === 1
        ? { status: 429, headers: { 'retry-after': '1' }, body: 'Too Many Requests' }
        : jsonLdProductPage(busy)
  }
}

/** Names of the legacy-encoded products, as they must be decoded. */
export const legacyProductNames = {
  windows1252: 'Café Crème Grinder – Édition',
  shiftJis: '京都スピーカー 木製'
} as const

/**
 * Legacy encodings: a windows-1252 page declared in the Content-Type header, and a Shift_JIS page
 * declared only in `<meta charset>` (the header has no charset).
 */
function legacyEncodingSite(): FixtureRoutes {
  const cafe = jsonLdProductPage(
    { name: legacyProductNames.windows1252, sku: 'CAFE-1', price: 49 },
    { charsetMeta: '' }
  )
  const kyoto = jsonLdProductPage(
    { name: legacyProductNames.shiftJis, sku: 'KYOTO-1', price: 12000, currency: 'JPY' },
    { charsetMeta: '<meta charset="Shift_JIS">' }
  )
  return {
    '/': contentPage('Legacy Audio', ['/products/cafe', '/products/kyoto']),
    '/products/cafe': {
      contentType: 'text/html; charset=windows-1252',
      body: iconv.encode(cafe, 'windows-1252')
    },
    '/products/kyoto': { contentType: 'text/html', body: iconv.encode(kyoto, 'shift_jis') }
  }
}

/** robots.txt names a gzipped sitemap (`.xml.gz`, served as application/gzip); 4 products. */
function gzipSitemapSite(options: FixtureKindOptions): FixtureRoutes {
  const products = fixtureProducts(options.products ?? 4, 'Gzip Guitar')
  return {
    '/robots.txt': 'User-agent: *\nDisallow:\nSitemap: {{origin}}/sitemaps/products.xml.gz\n',
    '/sitemaps/products.xml.gz': (request) => ({
      contentType: 'application/gzip',
      body: gzipSync(
        sitemapXml(products.map((product) => `${request.origin}/products/${productSlug(product)}`))
      )
    }),
    '/': contentPage('Gzip Audio'),
    ...jsonLdProductRoutes(products)
  }
}

/**
 * Pages that are not HTML or too big: a PDF at an address without extension, an 11 MB page
 * streamed without Content-Length, and one normal product.
 */
function nonHtmlSite(): FixtureRoutes {
  const [normal] = fixtureProducts(1, 'Normal Nord') as [FixtureProduct]
  const huge = htmlPage({ title: 'Huge', body: `<p>${'x'.repeat(11 * 1024 * 1024)}</p>` })
  return {
    '/': contentPage('Mixed Audio', ['/downloads/manual', '/huge-page', '/products/normal']),
    '/downloads/manual': { contentType: 'application/pdf', body: Buffer.from('%PDF-1.4\n%fake\n') },
    '/huge-page': { chunked: true, body: huge },
    '/products/normal': jsonLdProductPage(normal)
  }
}

/** Many products (50 by default), each page answering after `delayMs` (300): for stop tests. */
function slowSite(options: FixtureKindOptions): FixtureRoutes {
  const products = fixtureProducts(options.products ?? 50, 'Slow Sampler')
  const delayMs = options.delayMs ?? 300
  return {
    '/': contentPage(
      'Slow Audio',
      products.map((product) => `/products/${productSlug(product)}`)
    ),
    '/products/*': (request) => {
      const product = products.find((p) => request.pathname.endsWith(`/${productSlug(p)}`))
      if (product == null) return { status: 404, body: 'not found' }
      return { delayMs, body: jsonLdProductPage(product) }
    }
  }
}

/** The ready-made fixture sites, by name. */
export const fixtureSiteKinds = {
  'sitemap-index': sitemapIndexSite,
  'links-only': linksOnlySite,
  'robots-disallow': robotsDisallowSite,
  'client-rendered': clientRenderedSite,
  'link-trap': linkTrapSite,
  redirects: redirectSite,
  flaky: flakySite,
  'retry-after': retryAfterSite,
  'legacy-encoding': legacyEncodingSite,
  'gzip-sitemap': gzipSitemapSite,
  'non-html': nonHtmlSite,
  slow: slowSite
} satisfies Record<string, (options: FixtureKindOptions) => FixtureRoutes>

/** Name of a ready-made fixture site. */
export type FixtureSiteKind = keyof typeof fixtureSiteKinds
