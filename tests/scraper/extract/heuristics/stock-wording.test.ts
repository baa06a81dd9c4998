import { describe, expect, it } from 'vitest'
import { stockWording } from '../../../../src/scraper/extract/heuristics/stock-wording'

describe('stockWording', () => {
  it.each([
    ['In stock', 'InStock'],
    ['Auf Lager', 'InStock'],
    ['En stock', 'InStock'],
    ['Op voorraad', 'InStock'],
    ['在庫あり', 'InStock'],
    ['Only 3 left', 'InStock'],
    ['Sold out', 'OutOfStock'],
    ['Ausverkauft', 'OutOfStock'],
    ['Nicht lieferbar', 'OutOfStock'],
    ['Épuisé', 'OutOfStock'],
    ['Agotado', 'OutOfStock'],
    ['Esaurito', 'OutOfStock'],
    ['Uitverkocht', 'OutOfStock'],
    ['Produkt niedostępny', 'OutOfStock'],
    ['商品在庫切れ', 'OutOfStock'],
    ['品切れ', 'OutOfStock'],
    ['缺货', 'OutOfStock'],
    ['품절', 'OutOfStock'],
    ['Currently unavailable.', 'OutOfStock']
  ])('reads %s as %s', (text, expected) => {
    expect(stockWording(text)).toBe(expected)
  })

  it('says nothing about other text, words inside words or long sentences', () => {
    expect(stockWording('Check availability in your store')).toBeNull()
    expect(stockWording('Free delivery')).toBeNull()
    expect(stockWording(`In stock ${'and more words '.repeat(8)}`)).toBeNull()
  })
})
