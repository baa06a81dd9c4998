import { describe, expect, it } from 'vitest'
import {
  cleanText,
  collapseWhitespace,
  shortTextOf,
  textOf
} from '../../../src/scraper/extract/html-text'
import { parseHtml } from '../../../src/scraper/extract/parse-html'

describe('collapseWhitespace', () => {
  it('turns every run of whitespace, NBSP and tabs included, into one space and trims', () => {
    expect(collapseWhitespace('  Item\u00a0#:\t\tT9F  432\n251 ')).toBe('Item #: T9F 432 251')
    expect(collapseWhitespace('\u3000Model\u2009X\r\n')).toBe('Model X')
  })

  it('leaves collapsed text as it is, and drops invisible marks', () => {
    expect(collapseWhitespace('Add to cart')).toBe('Add to cart')
    expect(collapseWhitespace('\u200eSKU:\u200b 12\ufeff')).toBe('SKU: 12')
    // A mark between two spaces leaves two spaces, which collapse too.
    expect(collapseWhitespace('a \u200b b')).toBe('a b')
  })

  it('gives null for a text of only whitespace as cleanText', () => {
    expect(cleanText(' \n\u00a0 ')).toBeNull()
    expect(cleanText(null)).toBeNull()
  })
})

describe('textOf and shortTextOf', () => {
  const $ = parseHtml(
    '<div id="d"><p>Price</p><span>€ 12,50</span><script>var x = 1</script></div>'
  )
  const div = $('#d').toArray()

  it('reads visible text with block boundaries as spaces, scripts left out', () => {
    expect(textOf(div)).toBe('Price € 12,50')
  })

  it('gives up past the limit', () => {
    expect(shortTextOf(div, 40)).toBe('Price € 12,50')
    expect(shortTextOf(div, 5)).toBeNull()
  })
})
