import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import {
  identifiersFromLabels,
  labelledIdentifiers
} from '../../../../src/scraper/extract/heuristics/labelled-identifiers'

describe('identifiersFromLabels', () => {
  it('maps labels to fields and rejects values that are no identifiers', () => {
    expect(
      identifiersFromLabels([
        ['Model', 'shown in black'],
        ['SKU', 'AB-12'],
        ['EAN', '4006381333931'],
        ['Part Number', 'P-77']
      ])
    ).toEqual({ sku: 'AB-12', gtin: '4006381333931', mpn: 'P-77' })
  })

  it('reads the stated brand from a "Brand" label, the first pair winning', () => {
    expect(
      identifiersFromLabels([
        ['Marke:', 'Gorilla'],
        ['Brand', 'Other'],
        ['SKU', 'A-1'],
        ['SKU', 'B-2']
      ])
    ).toEqual({ statedBrand: 'Gorilla', sku: 'A-1' })
  })
})

describe('labelledIdentifiers', () => {
  it('reads "Label: value" elements, the one nearest the heading first', () => {
    const $ = load(`<body>
      <section class="related"><p>Item #: OTHER-111</p></section>
      <main><h1>Maple Bench Top</h1><p>Item #: T9F432251</p><p>Model AF1RH332210TS</p>
      <p>Brand Gorilla</p></main></body>`)
    expect(labelledIdentifiers($, $('h1'))).toEqual({ sku: 'T9F432251', mpn: 'AF1RH332210TS' })
  })
})
