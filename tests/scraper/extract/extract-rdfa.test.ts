import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { extractRdfa } from '../../../src/scraper/extract/extract-rdfa'

describe('extractRdfa', () => {
  it('reads an RDFa Lite Product with a nested Offer', () => {
    const $ = load(`
      <head><meta property="og:title" content="Not RDFa schema"></head>
      <div vocab="https://schema.org/" typeof="Product">
        <h1 property="name">Oak Chair</h1>
        <img property="image" src="chair.jpg" alt="">
        <span property="brand" typeof="Brand"><span property="name">Woodly</span></span>
        <span property="sku">OC-2</span>
        <div property="offers" typeof="Offer">
          <span property="priceCurrency" content="EUR">€</span>
          <span property="price" content="129.00">129,00</span>
          <link property="availability" href="https://schema.org/OutOfStock">
        </div>
      </div>`)
    const data = extractRdfa($, 'https://shop.example/c/oak-chair')
    expect(data.products).toHaveLength(1)
    expect(data.products[0]).toMatchObject({
      name: 'Oak Chair',
      statedBrand: 'Woodly',
      sku: 'OC-2',
      price: 129,
      currency: 'EUR',
      availability: 'OutOfStock',
      images: ['https://shop.example/c/chair.jpg']
    })
  })

  it('accepts schema:-prefixed names', () => {
    const $ = load(
      '<div prefix="schema: https://schema.org/" typeof="schema:Product"><span property="schema:name">Stool</span></div>'
    )
    expect(extractRdfa($, 'https://shop.example/').products[0]?.name).toBe('Stool')
  })
})
