import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { markedIdentifier } from '../../../../src/scraper/extract/heuristics/marked-identifiers'
import { pageElements } from '../../../../src/scraper/extract/page-elements'

const read = (body: string): string | null =>
  markedIdentifier(pageElements(load(`<html><body>${body}</body></html>`)))

describe('markedIdentifier', () => {
  it('reads data-sku, a hidden sku field and an element marked as the reference', () => {
    expect(read('<div data-sku="AB-123">Lamp</div>')).toBe('AB-123')
    expect(read('<form><input type="hidden" name="ASIN" value="B00TEST123"></form>')).toBe(
      'B00TEST123'
    )
    expect(read('<p><span data-qa-qualifier="product-reference">1044/320</span></p>')).toBe(
      '1044/320'
    )
    expect(read('<p class="product-code">Ref: VE900</p>')).toBe('VE900')
  })

  it('skips values that are not identifiers and the chrome', () => {
    expect(read('<p class="product-code">Ask us</p>')).toBeNull()
    expect(read('<nav><span class="sku">N-1</span></nav>')).toBeNull()
    expect(read('<input type="text" name="sku" value="123">')).toBeNull()
  })
})
