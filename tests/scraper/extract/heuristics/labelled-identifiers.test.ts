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

describe('labelled identifiers in other languages and layouts', () => {
  it('reads labels in several languages, the label in its own element', () => {
    const $ = load(`<body><main><h1>Stick-on lens</h1>
      <ul><li><strong>Šifra:</strong> 0638</li></ul></main></body>`)
    expect(labelledIdentifiers($, $('h1'))).toEqual({ sku: '0638' })
    const $2 = load(`<body><h1>Drum unit</h1><span>Cod produs: DR2401 </span></body>`)
    expect(labelledIdentifiers($2, $2('h1'))).toEqual({ sku: 'DR2401' })
    const $3 = load(`<body><h1>Regal</h1><div><dt>Art.-Nr.</dt><dd>79961</dd></div></body>`)
    expect(labelledIdentifiers($3, $3('h1'))).toEqual({ sku: '79961' })
  })

  it('tells the shop reference (sku) from the model (mpn) and the barcode (gtin) by label', () => {
    expect(
      identifiersFromLabels([
        ['Réf.', 'VE900'],
        ['Modèle', 'PRW-3100'],
        ['EAN', '4006381333931'],
        ['品番', 'JP-1']
      ])
    ).toEqual({ sku: 'VE900', mpn: 'PRW-3100', gtin: '4006381333931' })
  })
})

describe('labels read wherever the text holds them', () => {
  it('finds a label however it is spaced, cased or ended, and only at the start of a text', () => {
    const $ = load(`<body><main><h1>Heater</h1>
      <p>Our SKU: NOT-1</p>
      <p>\u00a0ART.-NR.\n  : 4711-02</p>
      <p><b>Ref :</b> <span>VE900</span></p>
      <p>Modell\u00a0Nr. HX-20</p>
      <p>EAN:  4006381333931</p></main></body>`)
    expect(labelledIdentifiers($, $('h1'))).toEqual({
      sku: '4711-02',
      mpn: 'HX-20',
      gtin: '4006381333931'
    })
  })

  it('reads CJK and Cyrillic labels as it reads Latin ones', () => {
    const $ = load(`<body><h1>Lamp</h1><p>品番：JP-88</p><p>Артикул: 55-10</p></body>`)
    expect(labelledIdentifiers($, $('h1'))).toEqual({ sku: 'JP-88' })
    const $2 = load(`<body><h1>Lamp</h1><p>Артикул: 55-10</p></body>`)
    expect(labelledIdentifiers($2, $2('h1'))).toEqual({ sku: '55-10' })
  })
})
