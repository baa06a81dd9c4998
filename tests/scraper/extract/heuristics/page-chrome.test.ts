import { load } from 'cheerio'
import type { Element } from 'domhandler'
import { describe, expect, it } from 'vitest'
import { insideChrome, isHidden } from '../../../../src/scraper/extract/heuristics/page-chrome'
import { pageElements } from '../../../../src/scraper/extract/page-elements'

describe('insideChrome', () => {
  it('counts banners, navigation, footers, dialogs and [hidden], not a plain header', () => {
    const $ = load(`<body>
      <header><form></form><p id="banner"></p></header>
      <header><p id="plain"></p></header>
      <div role="dialog"><p id="dialog"></p></div>
      <div aria-modal="true"><p id="modal"></p></div>
      <aside><p id="aside"></p></aside><div hidden><p id="hidden"></p></div>
      <main><s><p id="struck"></p></s></main></body>`)
    const inChrome = insideChrome(pageElements($))
    const ids = $('p')
      .toArray()
      .filter((element) => inChrome(element))
      .map((element) => element.attribs.id)
    expect(ids).toEqual(['banner', 'dialog', 'modal', 'aside', 'hidden'])
    const struck = insideChrome(pageElements($), (element) => element.name === 's')
    expect(struck($('#struck').get(0)!)).toBe(true)
  })
})

describe('isHidden', () => {
  it('sees hiding classes and inline styles on the element or an ancestor', () => {
    const $ = load(`<div class="visually-hidden"><p id="a"></p></div>
      <div style="display: none"><p id="b"></p></div><p id="c" class="hiddenness"></p>`)
    const byId = (id: string): Element =>
      pageElements($).all.find((element) => element.attribs.id === id)!
    expect(['a', 'b', 'c'].map((id) => isHidden(byId(id)))).toEqual([true, true, false])
  })

  it('answers alike whichever element of a branch is asked first', () => {
    const markup = `<main><div id="shown"><p id="p1"><i id="i1"></i></p></div>
      <div id="box" hidden><p id="p2"><i id="i2"></i></p></div><p id="p3" hidden=""></p></main>`
    const expected = { shown: false, p1: false, i1: false, box: true, p2: true, i2: true, p3: true }
    const ids = Object.keys(expected)
    // Deepest first, then outermost first: what one answer keeps must not change the next.
    for (const order of [[...ids].reverse(), ids]) {
      const $ = load(markup)
      const byId = (id: string): Element =>
        pageElements($).all.find((element) => element.attribs.id === id)!
      const answers = Object.fromEntries(order.map((id) => [id, isHidden(byId(id))]))
      expect(answers).toEqual(expected)
    }
  })
})
