import { describe, expect, it } from 'vitest'
import { extractedProductSchema } from '../../../src/shared/product'
import { extractPage, extractProduct } from '../../../src/scraper/extract/extract-product'

const url = 'https://brand.example/products/lamp'

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(value)}</script>`
}

describe('extractProduct', () => {
  it('merges sources: structured data first, OpenGraph and the page fill the gaps', () => {
    const html = `<html><head>
      <meta property="og:type" content="product">
      <meta property="og:title" content="Desk Lamp | Brand">
      <meta property="og:site_name" content="Brand">
      <meta property="og:image" content="https://cdn.example/og.jpg">
      <meta property="product:price:amount" content="99.00">
      <meta property="product:price:currency" content="USD">
      <meta property="product:brand" content="Brand">
      ${jsonLd({
        '@type': 'Product',
        name: 'Desk Lamp',
        sku: 'DL-1',
        image: '/img/lamp.jpg',
        offers: { '@type': 'Offer', price: '89.00', priceCurrency: 'USD' }
      })}
      </head><body><nav aria-label="breadcrumb"><ol><li>Home</li><li>Lighting</li><li>Desk Lamp</li></ol></nav>
      <h1>Desk Lamp</h1><span class="price">$79.00</span>
      <table><tr><th>Model</th><td>DL-1000</td></tr><tr><th>Bulb</th><td>E27</td></tr></table>
      </body></html>`
    const product = extractProduct(html, { url })
    expect(extractedProductSchema.parse(product)).toBeTruthy()
    expect(product).toMatchObject({
      name: 'Desk Lamp',
      statedBrand: 'Brand',
      sku: 'DL-1',
      mpn: 'DL-1000',
      price: 89,
      currency: 'USD',
      category: 'Lighting',
      images: ['https://brand.example/img/lamp.jpg'],
      specs: { Model: 'DL-1000', Bulb: 'E27' }
    })
  })

  it('reads a page without markup from its heading and visible price', () => {
    const html = `<html><head><title>Bench | Shop</title></head><body>
      <h1>Bench</h1><div id="priceblock_ourprice">1.299,00 €</div></body></html>`
    expect(extractProduct(html, { url })).toMatchObject({
      name: 'Bench',
      price: 1299,
      currency: 'EUR',
      statedBrand: null,
      sku: null,
      images: []
    })
  })

  it('returns null for a listing page: an ItemList or several products', () => {
    const itemList = `<html><head>${jsonLd({
      '@type': 'ItemList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, item: { '@type': 'Product', name: 'A', url: '/a' } },
        { '@type': 'ListItem', position: 2, item: { '@type': 'Product', name: 'B', url: '/b' } }
      ]
    })}</head><body><h1>Lamps</h1><span class="price">$10</span></body></html>`
    expect(extractProduct(itemList, { url: 'https://brand.example/lamps' })).toBeNull()

    const grid = `<html><body><h1>Lamps</h1>${['A', 'B', 'C']
      .map(
        (
          name
        ) => `<div itemscope itemtype="https://schema.org/Product"><a itemprop="url" href="/${name}">
        <span itemprop="name">${name}</span></a><span class="price">$10</span></div>`
      )
      .join('')}</body></html>`
    expect(extractProduct(grid, { url: 'https://brand.example/lamps' })).toBeNull()
  })

  it('picks the product stated to live at the page among several', () => {
    const html = `<html><head><link rel="canonical" href="/products/lamp">
      ${jsonLd([
        { '@type': 'Product', name: 'Other', url: 'https://brand.example/products/other' },
        { '@type': 'Product', name: 'Lamp', url: 'https://brand.example/products/lamp' }
      ])}</head><body></body></html>`
    expect(extractProduct(html, { url: `${url}?ref=home` })?.name).toBe('Lamp')
  })

  it('returns null for a page that is not a product page', () => {
    const html = `<html><head><meta property="og:type" content="article"><title>About us</title></head>
      <body><h1>About us</h1><p>We make lamps since 1970. Prices start at $10.</p></body></html>`
    expect(extractProduct(html, { url: 'https://brand.example/about' })).toBeNull()
  })

  it('applies per-brand selector overrides over the markup', () => {
    const html = `<html><head>${jsonLd({
      '@type': 'Product',
      name: 'Wrong name',
      offers: { price: 5, priceCurrency: 'USD' }
    })}</head><body>
      <div class="title">Right   name</div><span class="cost">CHF 1'299.–</span>
      <span class="ref">X-1</span><div class="gallery"><img src="/a.jpg"><img data-src="/b.jpg"></div>
      <ul class="crumbs"><li>Home</li><li>Tools</li></ul>
      <span class="stock">Out of stock</span></body></html>`
    const product = extractProduct(html, {
      url,
      selectors: {
        name: '.title',
        price: '.cost',
        sku: '.ref',
        images: '.gallery img',
        category: '.crumbs li',
        availability: '.stock',
        brand: '.missing',
        mpn: '::not-valid-css('
      }
    })
    expect(product).toMatchObject({
      name: 'Right name',
      price: 1299,
      currency: 'CHF',
      sku: 'X-1',
      images: ['https://brand.example/a.jpg', 'https://brand.example/b.jpg'],
      category: 'Tools',
      availability: 'OutOfStock',
      statedBrand: null
    })
  })
})

describe('extractPage', () => {
  it('returns canonical URL, links and next page, resolved against <base>', () => {
    const html = `<html><head><base href="https://brand.example/shop/">
      <link rel="canonical" href="lamps"><link rel="next" href="lamps?page=2"></head><body>
      <a href="a#top">A</a><a href="a#reviews">A again</a><a href="/b">B</a>
      <a href="mailto:x@example.com">mail</a><a href="javascript:void(0)">js</a>
      <a href="https://other.example/c">C</a></body></html>`
    const page = extractPage(html, { url: 'https://brand.example/shop/lamps?utm=1' })
    expect(page.canonicalUrl).toBe('https://brand.example/shop/lamps')
    expect(page.nextPageUrl).toBe('https://brand.example/shop/lamps?page=2')
    expect(page.links).toEqual([
      'https://brand.example/shop/a',
      'https://brand.example/b',
      'https://other.example/c'
    ])
    expect(page.product).toBeNull()
    expect(page.looksScriptRendered).toBe(false)
  })

  it('flags a JavaScript shell', () => {
    const shell = `<html><head><script src="/app.js"></script></head>
      <body><div id="root"></div><noscript>Enable JavaScript</noscript></body></html>`
    expect(extractPage(shell, { url }).looksScriptRendered).toBe(true)
    const rendered = `<html><head><script src="/app.js"></script>${jsonLd({
      '@type': 'Product',
      name: 'Lamp'
    })}</head><body><div id="root"></div></body></html>`
    const page = extractPage(rendered, { url })
    expect(page.looksScriptRendered).toBe(false)
    expect(page.product?.name).toBe('Lamp')
  })
})
