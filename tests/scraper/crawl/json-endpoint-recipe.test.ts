import { describe, expect, it } from 'vitest'
import {
  disagreements,
  endpointFor,
  productFromJson,
  recipeFromSample,
  sameRecipe,
  type JsonEndpointRecipe
} from '../../../src/scraper/crawl/json-endpoint-recipe'
import type { ExtractedProduct } from '../../../src/shared/product'

const origin = 'https://shop.example'

/** What the extractors read from a rendered product page. */
function rendered(overrides: Partial<ExtractedProduct> = {}): ExtractedProduct {
  return {
    name: 'Rokit 5',
    statedBrand: 'KRK',
    sku: 'RP5',
    mpn: null,
    gtin: null,
    price: 149.99,
    currency: 'USD',
    availability: 'InStock',
    description: 'A  studio\nmonitor.',
    category: null,
    images: [],
    specs: {},
    raw: {},
    ...overrides
  }
}

/** The endpoint's JSON for the product, in its own shape (an array, numbers as strings). */
const productJson = {
  items: [
    {
      attributes: { label: 'Rokit 5', maker: 'KRK', ref: 'RP5', text: 'A studio monitor.' },
      offer: { amount: '149.990', unit: 'usd', stock: 'http://schema.org/InStock' }
    }
  ]
}

const recipe: JsonEndpointRecipe = {
  origin,
  pageShape: ['products', null, 'details'],
  endpoint: `${origin}/api/v2/product/{id}/data`,
  fields: {
    name: ['items', 0, 'attributes', 'label'],
    statedBrand: ['items', 0, 'attributes', 'maker'],
    sku: ['items', 0, 'attributes', 'ref'],
    price: ['items', 0, 'offer', 'amount'],
    currency: ['items', 0, 'offer', 'unit'],
    availability: ['items', 0, 'offer', 'stock'],
    description: ['items', 0, 'attributes', 'text']
  }
}

describe('recipeFromSample', () => {
  it('templates the path segment that names the product, reading through arrays', () => {
    const found = recipeFromSample(`${origin}/products/rp5/details`, rendered(), [
      { url: `${origin}/api/v2/product/rp5/data`, body: JSON.stringify(productJson) }
    ])
    expect(found).toEqual(recipe)
  })

  it('skips JSON that does not parse, and refuses a product the endpoint would lose data of', () => {
    const responses = [
      { url: `${origin}/api/v2/product/rp5`, body: '{broken' },
      { url: `${origin}/api/v2/product/rp5/data`, body: JSON.stringify(productJson) }
    ]
    expect(recipeFromSample(`${origin}/products/rp5/details`, rendered(), responses)).toEqual(
      recipe
    )
    const page = `${origin}/products/rp5/details`
    expect(recipeFromSample(page, rendered({ images: ['a.jpg'] }), responses)).toBeNull()
    expect(recipeFromSample(page, rendered({ specs: { Woofer: '5"' } }), responses)).toBeNull()
    expect(recipeFromSample(page, rendered({ price: null }), responses)).toBeNull()
    // An endpoint whose URL does not name the page's product is no endpoint for other pages.
    const unnamed = [{ url: `${origin}/api/current`, body: JSON.stringify(productJson) }]
    expect(recipeFromSample(page, rendered(), unnamed)).toBeNull()
  })
})

describe('endpointFor', () => {
  it('fills the product segment in, for pages of the recipe’s shape only', () => {
    expect(endpointFor(recipe, `${origin}/products/rp-7/details`)).toBe(
      `${origin}/api/v2/product/rp-7/data`
    )
    expect(endpointFor(recipe, `${origin}/products/rp5/details?color=red`)).toBeNull()
    expect(endpointFor(recipe, `${origin}/products/rp5`)).toBeNull()
    expect(endpointFor(recipe, `${origin}/product/rp5/details`)).toBeNull()
    expect(endpointFor(recipe, 'not a url')).toBeNull()
  })
})

describe('productFromJson', () => {
  it('reads the product as the extractors would have stated it', () => {
    const url = `${origin}/products/rp5/details`
    const product = productFromJson(recipe, url, productJson)
    expect(product).toEqual({
      ...rendered({ description: 'A studio monitor.' }),
      raw: { source: 'json-endpoint', url, data: productJson }
    })
    expect(disagreements(rendered(), product!)).toEqual([])
  })

  it('gives null without a name, and null fields for values it cannot read', () => {
    expect(productFromJson(recipe, origin, { items: [] })).toBeNull()
    const odd = {
      items: [
        {
          attributes: { label: 'Rokit 5', maker: { nested: true }, ref: '  ' },
          offer: { amount: 'call us', unit: null, stock: 'Sometimes' }
        }
      ]
    }
    expect(productFromJson(recipe, origin, odd)).toMatchObject({
      name: 'Rokit 5',
      statedBrand: null,
      sku: null,
      price: null,
      currency: null,
      availability: null
    })
  })
})

describe('comparing', () => {
  it('tells which fields differ, and always counts images and specifications', () => {
    const fromJson = rendered({ price: 129, description: 'A studio monitor.' })
    expect(disagreements(rendered(), fromJson)).toEqual(['price'])
    expect(disagreements(rendered({ images: ['a.jpg'], specs: { a: 'b' } }), rendered())).toEqual([
      'images',
      'specs'
    ])
  })

  it('treats recipes as equal only when every part agrees', () => {
    expect(sameRecipe(recipe, structuredClone(recipe))).toBe(true)
    expect(sameRecipe(recipe, { ...recipe, endpoint: `${origin}/api/v3/{id}` })).toBe(false)
  })
})
