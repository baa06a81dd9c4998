import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { scriptProductData } from '../../../../src/scraper/extract/heuristics/script-product-data'
import { pageElements } from '../../../../src/scraper/extract/page-elements'

const read = (head: string): ReturnType<typeof scriptProductData> =>
  scriptProductData(pageElements(load(`<html><head>${head}</head><body></body></html>`)))

describe('scriptProductData', () => {
  it('reads the sku and stock of a storefront state object', () => {
    expect(
      read(`<script>window.meta = {"product":{"variants":[{"id":1,"sku":"1236291"}],
        "available":true}}</script>`)
    ).toEqual({ sku: '1236291', availability: 'InStock' })
  })

  it('reads application/json blocks and schema.org stock values', () => {
    expect(
      read(
        `<script type="application/json">{"sku":"X-99","availability":"https://schema.org/OutOfStock"}</script>`
      )
    ).toEqual({ sku: 'X-99', availability: 'OutOfStock' })
  })

  it('skips JSON-LD, other script types and values of the wrong shape', () => {
    expect(
      read(`<script type="application/ld+json">{"sku":"LD-1"}</script>
        <script type="text/template">{"sku":"T-1"}</script>
        <script>var a = {"sku":"none", "inStock": "maybe"}</script>`)
    ).toEqual({ sku: null, availability: null })
  })
})
