import { describe, expect, it } from 'vitest'
import {
  mergeProductFields,
  type ProductSources
} from '../../../src/scraper/extract/merge-product-fields'
import { emptyProductFields, type ProductFields } from '../../../src/scraper/extract/product-fields'

function fields(values: Partial<ProductFields>): ProductFields {
  return { ...emptyProductFields(), ...values }
}

function sources(values: Partial<ProductSources>): ProductSources {
  return {
    overrides: {},
    structured: [],
    openGraph: fields({}),
    heuristics: fields({}),
    breadcrumbs: [],
    ...values
  }
}

describe('mergeProductFields', () => {
  it('lets selector overrides win, then structured data, then OpenGraph, then the page', () => {
    const product = mergeProductFields(
      sources({
        overrides: { sku: 'OVERRIDE-1' },
        structured: [fields({ name: 'Rokit 5', sku: 'RP5', mpn: null }), fields({ mpn: 'MPN-7' })],
        openGraph: fields({ description: 'From og:description', mpn: 'OG-MPN' }),
        heuristics: fields({ description: 'From the page', statedBrand: 'KRK' })
      })
    )
    expect(product).toMatchObject({
      name: 'Rokit 5',
      sku: 'OVERRIDE-1',
      mpn: 'MPN-7',
      description: 'From og:description',
      statedBrand: 'KRK'
    })
  })

  it('prefers the visible heading to og:title for the name, and strips the site name from it', () => {
    const withHeading = mergeProductFields(
      sources({
        openGraph: fields({ name: 'Welcome | Studio Shop' }),
        heuristics: fields({ name: 'Rokit 7 G4' })
      })
    )
    expect(withHeading.name).toBe('Rokit 7 G4')
    const ogOnly = mergeProductFields(
      sources({
        openGraph: fields({ name: 'Tully Sconce | Pottery Barn' }),
        siteName: 'Pottery Barn'
      })
    )
    expect(ogOnly.name).toBe('Tully Sconce')
  })

  it('takes price and currency together from the source that has the price', () => {
    const product = mergeProductFields(
      sources({
        structured: [fields({ currency: 'EUR' })],
        openGraph: fields({ price: 199, currency: 'usd' }),
        heuristics: fields({ price: 249, currency: 'GBP' })
      })
    )
    expect(product).toMatchObject({ price: 199, currency: 'USD' })
  })

  it('finds the currency of a bare price in another source showing the same amount', () => {
    const product = mergeProductFields(
      sources({
        structured: [fields({ price: 99 })],
        heuristics: fields({ price: 99, currency: 'CAD' })
      })
    )
    expect(product).toMatchObject({ price: 99, currency: 'CAD' })
  })

  it('unions specs (structured first) and takes images from the first source that has any', () => {
    const product = mergeProductFields(
      sources({
        structured: [fields({ specs: { Woofer: '5 inch' } })],
        openGraph: fields({ images: ['https://brand.test/og.jpg'] }),
        heuristics: fields({
          specs: { Woofer: '6 inch', Tweeter: '1 inch' },
          images: ['https://brand.test/page.jpg']
        })
      })
    )
    expect(product.specs).toEqual({ Woofer: '5 inch', Tweeter: '1 inch' })
    expect(product.images).toEqual(['https://brand.test/og.jpg'])
  })

  it('falls back to the breadcrumb for the category, and says nothing it was not told', () => {
    const product = mergeProductFields(
      sources({
        heuristics: fields({ name: 'Rokit 5' }),
        breadcrumbs: [[], ['Home', 'Monitors', 'Studio', 'Rokit 5']]
      })
    )
    expect(product.category).toBe('Monitors > Studio')
    expect(product).toMatchObject({ sku: null, gtin: null, price: null, availability: null })
    expect(product.raw).toBeNull()
  })
})

describe('mergeProductFields: sku and availability rules of issue 10', () => {
  it('prefers the sku shown under a label to the structured one, and scripts come last', () => {
    const labelled = mergeProductFields(
      sources({
        structured: [fields({ name: 'Selfie stick', sku: '10134622' })],
        heuristics: fields({ sku: '141677' }),
        scripts: { sku: 'SCRIPT-1' }
      })
    )
    expect(labelled.sku).toBe('141677')
    const scripted = mergeProductFields(
      sources({ structured: [fields({ name: 'Oven' })], scripts: { sku: '1236291' } })
    )
    expect(scripted.sku).toBe('1236291')
  })

  it('reads a product offered at a price with nothing saying otherwise as in stock', () => {
    const offered = mergeProductFields(sources({ structured: [fields({ name: 'A', price: 5 })] }))
    expect(offered.availability).toBe('InStock')
    const soldOut = mergeProductFields(
      sources({
        structured: [fields({ name: 'A', price: 5 })],
        heuristics: fields({ availability: 'OutOfStock' })
      })
    )
    expect(soldOut.availability).toBe('OutOfStock')
    const stateless = mergeProductFields(sources({ structured: [fields({ name: 'A' })] }))
    expect(stateless.availability).toBeNull()
  })

  it('takes the visible price over the markup one when the page shows that one struck', () => {
    const listInMarkup = sources({
      structured: [fields({ price: 18, currency: 'EUR' })],
      heuristics: fields({ price: 17.1, currency: 'EUR' }),
      formerPrices: [18]
    })
    expect(mergeProductFields(listInMarkup).price).toBe(17.1)
    // Without the page showing the markup's amount as a former price, the markup wins.
    const disagreeing = { ...listInMarkup, formerPrices: [20] }
    expect(mergeProductFields(disagreeing).price).toBe(18)
  })
})
