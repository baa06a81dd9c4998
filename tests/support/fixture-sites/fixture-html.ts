/** A fixture product, as the pages state it. */
export interface FixtureProduct {
  name: string
  sku: string
  price: number
  /** Default: EUR. */
  currency?: string
  /** Default: a sentence naming the product. */
  description?: string
}

/** Filler so a static page is not mistaken for an empty script shell by the extractors. */
const filler =
  'Our instruments are designed and built by people who play them. Every product on this site ' +
  'ships with a two year warranty, free returns within thirty days and support from our own team.'

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** A complete HTML document. `head` and `body` are inserted as they are. */
export function htmlPage(options: {
  title: string
  body: string
  head?: string
  /** Default: `<meta charset="utf-8">`; pass '' for none. */
  charsetMeta?: string
}): string {
  return (
    '<!doctype html><html lang="en"><head>' +
    (options.charsetMeta ?? '<meta charset="utf-8">') +
    `<title>${escapeHtml(options.title)}</title>${options.head ?? ''}</head>` +
    `<body>${options.body}<footer><p>${filler}</p></footer></body></html>`
  )
}

/** `<ul>` of links (href → text; text defaults to the href). */
export function linkList(
  links: Array<string | { href: string; text: string; rel?: string }>
): string {
  const items = links.map((link) => {
    const { href, text, rel } =
      typeof link === 'string' ? { href: link, text: link, rel: undefined } : link
    const relAttr = rel == null ? '' : ` rel="${rel}"`
    return `<li><a href="${escapeHtml(href)}"${relAttr}>${escapeHtml(text)}</a></li>`
  })
  return `<ul>${items.join('')}</ul>`
}

/** A product page whose data is in schema.org JSON-LD. `body` adds links or text after it. */
export function jsonLdProductPage(
  product: FixtureProduct,
  options: { body?: string; head?: string; charsetMeta?: string } = {}
): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    sku: product.sku,
    description: product.description ?? `The ${product.name}, made by Fixture Audio.`,
    brand: { '@type': 'Brand', name: 'Fixture Audio' },
    offers: {
      '@type': 'Offer',
      price: product.price.toFixed(2),
      priceCurrency: product.currency ?? 'EUR',
      availability: 'https://schema.org/InStock'
    }
  }
  return htmlPage({
    title: product.name,
    charsetMeta: options.charsetMeta,
    head: `<script type="application/ld+json">${JSON.stringify(data)}</script>${options.head ?? ''}`,
    body: `<h1>${escapeHtml(product.name)}</h1><p>${escapeHtml(data.description)}</p>${options.body ?? ''}`
  })
}

/** A product page whose data is in schema.org microdata only. */
export function microdataProductPage(
  product: FixtureProduct,
  options: { body?: string } = {}
): string {
  const currency = product.currency ?? 'EUR'
  return htmlPage({
    title: product.name,
    body:
      '<div itemscope itemtype="https://schema.org/Product">' +
      `<h1 itemprop="name">${escapeHtml(product.name)}</h1>` +
      `<span itemprop="sku">${escapeHtml(product.sku)}</span>` +
      `<p itemprop="description">${escapeHtml(product.description ?? `The ${product.name}.`)}</p>` +
      '<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">' +
      `<span itemprop="price" content="${product.price.toFixed(2)}">${product.price.toFixed(2)}</span>` +
      `<meta itemprop="priceCurrency" content="${currency}">` +
      '<link itemprop="availability" href="https://schema.org/InStock">' +
      '</div></div>' +
      (options.body ?? '')
  })
}

/** A page that is not a product: a heading, some text and links. */
export function contentPage(
  title: string,
  links: Parameters<typeof linkList>[0] = [],
  extra = ''
): string {
  return htmlPage({ title, body: `<h1>${escapeHtml(title)}</h1>${linkList(links)}${extra}` })
}

/** `<urlset>` of absolute or `{{origin}}`-relative locations. */
export function sitemapXml(locations: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
    locations.map((loc) => `<url><loc>${loc}</loc><lastmod>2025-01-01</lastmod></url>`).join('') +
    '</urlset>'
  )
}

/** `<sitemapindex>` of sitemap locations. */
export function sitemapIndexXml(locations: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
    locations.map((loc) => `<sitemap><loc>${loc}</loc></sitemap>`).join('') +
    '</sitemapindex>'
  )
}

/** `count` numbered products: "Fixture Widget 1", sku FW-0001, price 10.50, 20.50... */
export function fixtureProducts(count: number, prefix = 'Fixture Widget'): FixtureProduct[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix} ${i + 1}`,
    sku: `FW-${String(i + 1).padStart(4, '0')}`,
    price: 10.5 + i * 10
  }))
}
