import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { extractMicrodata } from '../../../src/scraper/extract/extract-microdata'

const url = 'https://shop.example/p/tablets'

describe('extractMicrodata', () => {
  it('reads a Product with nested Brand and Offer, per the microdata value rules', () => {
    const $ = load(`
      <div itemscope itemtype="https://schema.org/Product">
        <h1 itemprop="name">Flea   Tablets</h1>
        <img itemprop="image" src="/img/tabs.jpg" alt="">
        <div itemprop="brand" itemscope itemtype="https://schema.org/Brand">
          <span itemprop="name">Johnsons</span>
        </div>
        <meta itemprop="sku" content="CS1">
        <span itemprop="mpn">J-4</span>
        <div itemprop="description"><p><strong>For cats</strong></p>and kittens.<br>Fast.</div>
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
          <span itemprop="price" content="5.29">£5.29</span>
          <meta itemprop="priceCurrency" content="GBP">
          <link itemprop="availability" href="http://schema.org/InStock">
        </div>
        <div itemprop="additionalProperty" itemscope itemtype="https://schema.org/PropertyValue">
          <span itemprop="name">Pack</span><span itemprop="value">3</span>
        </div>
      </div>`)
    const data = extractMicrodata($, url)
    expect(data.products).toHaveLength(1)
    expect(data.products[0]).toMatchObject({
      name: 'Flea Tablets',
      statedBrand: 'Johnsons',
      sku: 'CS1',
      mpn: 'J-4',
      price: 5.29,
      currency: 'GBP',
      availability: 'InStock',
      description: 'For cats and kittens. Fast.',
      images: ['https://shop.example/img/tabs.jpg'],
      specs: { Pack: '3' }
    })
  })

  it('reads an AggregateOffer with nested Offers and a brand as meta content', () => {
    const $ = load(`
      <div itemscope itemtype="http://schema.org/Product">
        <span itemprop="name">Tabs</span><meta itemprop="brand" content="Johnsons">
        <div itemprop="offers" itemscope itemtype="http://schema.org/AggregateOffer">
          <meta itemprop="lowPrice" content="5.29"><meta itemprop="priceCurrency" content="GBP">
          <div itemprop="offers" itemscope itemtype="http://schema.org/Offer">
            <meta itemprop="price" content="9.56">
          </div>
        </div>
      </div>`)
    expect(extractMicrodata($, url).products[0]).toMatchObject({
      statedBrand: 'Johnsons',
      price: 5.29,
      currency: 'GBP'
    })
  })

  it('reads a BreadcrumbList and follows itemref', () => {
    const $ = load(`
      <ol itemscope itemtype="https://schema.org/BreadcrumbList">
        <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
          <a itemprop="item" href="/"><span itemprop="name">Home</span></a>
          <meta itemprop="position" content="1"></li>
        <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
          <a itemprop="item" href="/lamps"><span itemprop="name">Lamps</span></a>
          <meta itemprop="position" content="2"></li>
      </ol>
      <div itemscope itemtype="https://schema.org/Product" itemref="extra"><span itemprop="name">Lamp</span></div>
      <p id="extra"><span itemprop="sku">REF-1</span></p>`)
    const data = extractMicrodata($, url)
    expect(data.breadcrumb).toEqual(['Home', 'Lamps'])
    expect(data.products[0]).toMatchObject({ name: 'Lamp', sku: 'REF-1' })
  })

  it('lists every top-level product of a grid', () => {
    const $ = load(`
      <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">A</span></div>
      <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">B</span></div>`)
    expect(extractMicrodata($, url).products.map((product) => product.name)).toEqual(['A', 'B'])
  })
})

describe('extractMicrodata, itemref', () => {
  it('follows several ids in page order, and reads nothing for an id no element has', () => {
    const $ = load(`<body>
      <p id="b"><span itemprop="sku">SK-2</span></p>
      <div itemscope itemtype="https://schema.org/Product" itemref="a b missing">
        <span itemprop="name">Lamp</span></div>
      <p id="a"><meta itemprop="gtin13" content="4006381333931"></p></body>`)
    const [product] = extractMicrodata($, 'https://shop.example/lamp').products
    expect(product).toMatchObject({ name: 'Lamp', sku: 'SK-2', gtin: '4006381333931' })
  })
})
