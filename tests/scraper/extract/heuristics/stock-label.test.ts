import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { stockLabel } from '../../../../src/scraper/extract/heuristics/stock-label'
import { pageElements } from '../../../../src/scraper/extract/page-elements'

const read = (body: string): string | null =>
  stockLabel(pageElements(load(`<html><body>${body}</body></html>`)))?.availability ?? null

describe('stockLabel', () => {
  it('reads an element marked as stock or availability', () => {
    expect(read('<p class="stock-status">Ausverkauft</p>')).toBe('OutOfStock')
    expect(read('<div id="availability">\n  <span> In stock. </span>\n</div>')).toBe('InStock')
    expect(read('<span class="product-disponibilite">Disponible</span>')).toBe('InStock')
  })

  it('ignores unmarked text, the chrome and hidden labels', () => {
    expect(read('<p>Sold out</p>')).toBeNull()
    expect(read('<footer><p class="stock">Sold out</p></footer>')).toBeNull()
    expect(read('<p class="stock hidden">Sold out</p>')).toBeNull()
  })
})

describe('stockLabel on a label with an explanation', () => {
  it('reads the first sentence', () => {
    expect(
      read(
        '<div id="availability">Derzeit nicht verfügbar. Ob und wann dieser Artikel wieder vorrätig sein wird, ist unbekannt.</div>'
      )
    ).toBe('OutOfStock')
  })
})
