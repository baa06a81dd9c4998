import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { extractHeuristics } from '../../../../src/scraper/extract/heuristics/extract-heuristics'

const url = 'https://shop.example/p/bench-top'

describe('extractHeuristics', () => {
  it('takes the name from the h1 and the price shown next to it, not former or other prices', () => {
    const $ = load(`<html><head><title>Maple Bench Top | Shop</title>
      <meta name="description" content="  A   maple top. "></head><body>
      <header><h1>Shop</h1><span class="price">$1.00</span><nav><a href="/">Home</a></nav></header>
      <div><h1>Shop</h1></div>
      <div class="cookie-banner" role="dialog"><h1>Your privacy</h1></div>
      <main>
        <div class="item-info"><h1>Maple Bench Top</h1><p class="item-num">Item #: T9F432251</p></div>
        <div class="pricing">
          <span class="price-was">$199.99</span>
          <s class="price">$189.00</s>
          <p class="price main">Price: $165.95</p>
          <span class="price">Save $4.98</span>
        </div>
        <section class="related"><p class="price">$21.50</p></section>
      </main></body></html>`)
    const data = extractHeuristics($, url)
    expect(data.hasHeading).toBe(true)
    expect(data.hasVisiblePrice).toBe(true)
    expect(data.fields).toMatchObject({
      name: 'Maple Bench Top',
      price: 165.95,
      currency: 'USD',
      sku: 'T9F432251',
      description: 'A maple top.'
    })
  })

  it('skips a price block showing two amounts and takes the sale price element', () => {
    const $ = load(`<body><h1>Armchair</h1>
      <div class="SFPrice"><span class="Price-current">$111.99</span><s class="Price">$141.99</s>
      <span class="Price-sale">21% Off</span></div></body>`)
    expect(extractHeuristics($, url).fields).toMatchObject({ price: 111.99, currency: 'USD' })
  })

  it('finds no price where none is shown', () => {
    const $ = load(
      '<body><h1>Tully Sconce</h1><span class="product-price">No longer available</span></body>'
    )
    const data = extractHeuristics($, url)
    expect(data.hasVisiblePrice).toBe(false)
    expect(data.fields.price).toBeNull()
  })

  it('reads identifiers and brand from a spec table and images whose alt is the name', () => {
    const $ = load(`<body><h1>Duct Tape</h1>
      <img src="/thumb.jpg" data-old-hires="/large.jpg" alt="Duct Tape">
      <table><tr><th>Brand</th><td>Gorilla</td></tr><tr><th>ASIN</th><td>\u200eB00N150YS4</td></tr>
      <tr><th>Item model number</th><td>6012110</td></tr></table></body>`)
    expect(extractHeuristics($, url).fields).toMatchObject({
      statedBrand: 'Gorilla',
      sku: 'B00N150YS4',
      mpn: '6012110',
      images: ['https://shop.example/large.jpg']
    })
  })

  it('works each field out once and keeps it', () => {
    const $ = load(`<body><nav class="breadcrumb"><a href="/">Home</a><a href="/t">Tape</a></nav>
      <h1>Duct Tape</h1><img src="/tape.jpg" alt="Duct Tape">
      <table><tr><th>Colour</th><td>Black</td></tr></table></body>`)
    const data = extractHeuristics($, url)
    expect(data.fields.images).toEqual(['https://shop.example/tape.jpg'])
    expect(data.fields.images).toBe(data.fields.images)
    expect(data.fields.specs).toBe(data.fields.specs)
    expect(data.breadcrumb).toEqual(['Home', 'Tape'])
    expect(data.breadcrumb).toBe(data.breadcrumb)
  })

  it('reports no heading, name or price on a page without an h1', () => {
    const data = extractHeuristics(load('<body><p class="price">$5.00</p></body>'), url)
    expect(data.hasHeading).toBe(false)
    expect(data.hasVisiblePrice).toBe(false)
    expect(data.fields).toMatchObject({ name: null, price: null, sku: null, images: [] })
  })
})

describe('extractHeuristics: buy buttons', () => {
  it('sees a product page in a heading with its buy button, not in a grid of them', () => {
    const one = load('<body><h1>Lamp</h1><button>Add to cart</button></body>')
    expect(extractHeuristics(one, 'https://shop.test/lamp').hasBuyButton).toBe(true)
    expect(extractHeuristics(one, 'https://shop.test/lamp').fields.availability).toBe('InStock')
    const grid = load(
      `<body><h1>Lamps</h1>${'<div><h2>Lamp</h2><button>Add to cart</button></div>'.repeat(6)}</body>`
    )
    expect(extractHeuristics(grid, 'https://shop.test/lamps').hasBuyButton).toBe(false)
  })
})
