import { load } from 'cheerio'
import type { Element } from 'domhandler'
import { describe, expect, it } from 'vitest'
import { unmarkedPrice } from '../../../../src/scraper/extract/heuristics/unmarked-price'

function priceAfterHeading(html: string): ReturnType<typeof unmarkedPrice> {
  const $ = load(html)
  return unmarkedPrice($('.title, h1').get(0) as Element)
}

describe('unmarkedPrice', () => {
  it('reads the first amount with a currency after the heading, its digits split or not', () => {
    expect(
      priceAfterHeading(`<div><div class="title">Jerky</div>
        <p>Original: <strike>$1,390</strike></p><p>Discount 7.2</p>
        <div>Lowest $<span>99</span> per pack</div><div>$839</div></div>`)
    ).toEqual({ amount: 99, currency: 'USD' })
  })

  it('takes an amount whose currency is the next element, even a sign naming no currency', () => {
    expect(
      priceAfterHeading(`<table><tr><td><h1>Goose floss</h1></td></tr>
        <tr><td>RRP <del>$420</del> 元</td></tr>
        <tr><td><b>Special</b> 7 off <span>294</span><span> 元 </span></td></tr></table>`)
    ).toEqual({ amount: 294, currency: null })
  })

  it('reads no struck, instalment, former or far-away amount, nor one before the heading', () => {
    expect(
      priceAfterHeading(`<div><p>€ 5,00</p><h1>Lamp</h1><p><s>€ 30,00</s></p>
        <p>Was € 25,00</p><p>每期$98</p><p>$30/mo</p><p hidden>€ 1,00</p></div>`)
    ).toBeNull()
    const filler = '<p>text</p>'.repeat(60)
    expect(priceAfterHeading(`<div><h1>Lamp</h1>${filler}<p>€ 12,00</p></div>`)).toBeNull()
  })

  it('looks no further than three levels above the heading', () => {
    expect(
      priceAfterHeading(`<main><section><div><div><div><h1>Lamp</h1></div></div></div>
        <p>€ 12,00</p></section></main>`)
    ).toBeNull()
  })
})
