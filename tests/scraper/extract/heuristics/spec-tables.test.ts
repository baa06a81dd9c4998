import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { specTables } from '../../../../src/scraper/extract/heuristics/spec-tables'

describe('specTables', () => {
  it('reads th/td and td/td rows and definition lists, in page order', () => {
    const $ = load(`<body>
      <table><tr><th>Material:</th><td>Steel</td></tr><tr><td>Width</td><td>60 <b>cm</b></td></tr>
      <tr><td colspan="2">Not a pair</td></tr><tr><td>a</td><td>b</td><td>c</td></tr></table>
      <dl><dt>Colour</dt><dd>Black</dd><dt>Weight</dt><dd>1.1 kg</dd></dl>
      <div class="price"><table><tr><td>Price</td><td>$1</td></tr></table></div>
      <footer><dl><dt>Shipping</dt><dd>Free</dd></dl></footer></body>`)
    expect(specTables($)).toEqual({
      Material: 'Steel',
      Width: '60 cm',
      Colour: 'Black',
      Weight: '1.1 kg'
    })
  })

  it('keeps the first value of a label and skips forms and rows holding a nested table', () => {
    const $ = load(`<body>
      <table><tr><th>Colour</th><td>Black</td></tr><tr><th>Colour</th><td>Red</td></tr>
      <tr><td>Sizes</td><td><table><tr><td>S</td><td>M</td></tr></table></td></tr></table>
      <form><table><tr><td>Quantity</td><td>1</td></tr></table></form></body>`)
    expect(specTables($)).toEqual({ Colour: 'Black', S: 'M' })
  })
})
