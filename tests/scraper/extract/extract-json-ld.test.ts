import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { extractJsonLd, parseJsonLd } from '../../../src/scraper/extract/extract-json-ld'

const url = 'https://shop.example/p/lamp'

function page(...blocks: string[]): ReturnType<typeof load> {
  return load(
    `<html><head>${blocks
      .map((block) => `<script type="application/ld+json">${block}</script>`)
      .join('')}</head><body></body></html>`
  )
}

describe('extractJsonLd', () => {
  it('reads a Product with an Offer, brand object, images and identifiers', () => {
    const data = extractJsonLd(
      page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@type': 'Product',
          name: '  Desk   Lamp ',
          brand: { '@type': 'Brand', name: 'Lumen' },
          sku: 'L-1',
          mpn: 'LMP-001',
          gtin13: '4006381333931',
          description: '<p>Bright &amp; <b>warm</b>.</p>',
          category: 'Home > Lighting',
          image: ['/img/a.jpg', { '@type': 'ImageObject', url: '/img/b.jpg' }, '/img/a.jpg'],
          additionalProperty: [
            { '@type': 'PropertyValue', name: 'Height', value: 40, unitText: 'cm' },
            { '@type': 'PropertyValue', name: 'Colour', value: 'Black' }
          ],
          offers: {
            '@type': 'Offer',
            price: '49.90',
            priceCurrency: 'eur',
            availability: 'https://schema.org/InStock'
          }
        })
      ),
      url
    )
    expect(data.products).toHaveLength(1)
    expect(data.products[0]).toMatchObject({
      name: 'Desk Lamp',
      statedBrand: 'Lumen',
      sku: 'L-1',
      mpn: 'LMP-001',
      gtin: '4006381333931',
      price: 49.9,
      currency: 'EUR',
      availability: 'InStock',
      description: 'Bright & warm.',
      category: 'Lighting',
      images: ['https://shop.example/img/a.jpg', 'https://shop.example/img/b.jpg'],
      specs: { Height: '40 cm', Colour: 'Black' }
    })
  })

  it('finds products in @graph, arrays and mainEntity, following @id references', () => {
    const data = extractJsonLd(
      page(
        JSON.stringify({
          '@context': 'https://schema.org',
          '@graph': [
            { '@type': 'WebPage', '@id': '#page', mainEntity: { '@id': '#product' } },
            {
              '@type': ['Product', 'Thing'],
              '@id': '#product',
              name: 'Graph Lamp',
              offers: { '@id': '#offer' }
            },
            { '@type': 'Offer', '@id': '#offer', price: 10, priceCurrency: 'USD' },
            {
              '@type': 'BreadcrumbList',
              itemListElement: [
                { '@type': 'ListItem', position: 2, item: { '@id': '/l', name: 'Lighting' } },
                { '@type': 'ListItem', position: 1, name: 'Home' }
              ]
            }
          ]
        })
      ),
      url
    )
    expect(data.products.map((product) => product.name)).toEqual(['Graph Lamp'])
    expect(data.products[0]).toMatchObject({ price: 10, currency: 'USD' })
    expect(data.breadcrumb).toEqual(['Home', 'Lighting'])
  })

  it('reads a ProductGroup: group name, first variant offer, variant identifiers', () => {
    const data = extractJsonLd(
      page(
        JSON.stringify({
          '@type': 'ProductGroup',
          name: 'Tee',
          productGroupID: 'TEE',
          brand: 'Cotton Co',
          hasVariant: [
            {
              '@type': 'Product',
              name: 'Tee S',
              sku: 'TEE-S',
              image: 'https://cdn.example/s.jpg',
              offers: { '@type': 'Offer', price: 19, priceCurrency: 'GBP' }
            },
            { '@type': 'Product', name: 'Tee M', sku: 'TEE-M', offers: { price: 21 } }
          ]
        })
      ),
      url
    )
    expect(data.products[0]).toMatchObject({
      name: 'Tee',
      statedBrand: 'Cotton Co',
      sku: 'TEE-S',
      price: 19,
      currency: 'GBP',
      images: ['https://cdn.example/s.jpg']
    })
  })

  it('reads an AggregateOffer lowPrice and http://schema.org availability', () => {
    const data = extractJsonLd(
      page(
        JSON.stringify({
          '@type': 'Product',
          name: 'Mat',
          offers: {
            '@type': 'AggregateOffer',
            lowPrice: '43.90',
            highPrice: '50.00',
            priceCurrency: 'EUR',
            availability: 'http://schema.org/InStock'
          }
        })
      ),
      url
    )
    expect(data.products[0]).toMatchObject({
      price: 43.9,
      currency: 'EUR',
      availability: 'InStock'
    })
  })

  it('leaves the price out when the offer has none, keeping nothing of it', () => {
    const data = extractJsonLd(
      page('{"@type":"Product","name":"Sconce","offers":{"priceCurrency":"USD","price":{}}}'),
      url
    )
    expect(data.products[0]).toMatchObject({ price: null, currency: null })
  })

  it('repairs broken blocks and skips what cannot be read', () => {
    const data = extractJsonLd(
      page(
        '{ "@type": "Product", "name": "Trailing", "offers": { "price": "5", }, }',
        '{"@type": "Product", "name": "Line\nbreak"}',
        '<!-- {"@type":"Product","name":"Commented"} -->',
        '{&quot;@type&quot;:&quot;Product&quot;,&quot;name&quot;:&quot;Escaped&quot;}',
        '{ this is not json',
        ''
      ),
      url
    )
    expect(data.products.map((product) => product.name)).toEqual([
      'Trailing',
      'Line break',
      'Commented',
      'Escaped'
    ])
    expect(data.products[0]?.price).toBe(5)
  })

  it('flags an ItemList of products', () => {
    const data = extractJsonLd(
      page(
        JSON.stringify({
          '@type': 'ItemList',
          itemListElement: [
            { '@type': 'ListItem', position: 1, url: 'https://shop.example/p/1' },
            { '@type': 'ListItem', position: 2, url: 'https://shop.example/p/2' }
          ]
        })
      ),
      url
    )
    expect(data.itemList).toBe(true)
    expect(data.products).toEqual([])
  })
})

describe('parseJsonLd', () => {
  it('parses concatenated objects, invalid escapes and CDATA wrappers', () => {
    expect(parseJsonLd('{"a":1}{"b":2}')).toEqual([{ a: 1 }, { b: 2 }])
    expect(parseJsonLd('{"a":"it\\\'s"}')).toEqual({ a: "it's" })
    expect(parseJsonLd('//<![CDATA[\n{"a":1}\n//]]>')).toEqual({ a: 1 })
    expect(parseJsonLd('   ')).toBeUndefined()
  })
})
