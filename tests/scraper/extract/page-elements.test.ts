import { load } from 'cheerio'
import type { AnyNode } from 'domhandler'
import { describe, expect, it } from 'vitest'
import {
  ancestorsOf,
  descendantsNamed,
  equalsIgnoringCase,
  follows,
  hasDescendantNamed,
  pageElements
} from '../../../src/scraper/extract/page-elements'
import { parseHtml } from '../../../src/scraper/extract/parse-html'

// Markup where a hand-written walk could part from cheerio's selector engine: template contents,
// SVG, tables the parser fixes up, an implied body.
const html = `<!doctype html><title>T</title><h1 class="a">One</h1>
  <table><tr><td>x</td></tr></table>
  <template><header><nav></nav><h1>In template</h1></header></template>
  <svg><title>icon</title><foreignObject><p>p</p></foreignObject></svg>
  <header><form></form></header><header><h1>Plain</h1></header>`

describe('pageElements', () => {
  it('lists the elements `$` finds, in the same order', () => {
    const $ = load(html)
    const page = pageElements($)
    expect(page.all).toEqual($('*').toArray())
    // Lowercase names only: a selector's tag name is lowercased, SVG's `foreignObject` is not.
    for (const name of ['h1', 'title', 'tr', 'header', 'nav', 'p']) {
      expect(page.named(name)).toEqual($(name).toArray())
    }
  })

  it('tests descendants and ancestors as `:has` and `parents()` do', () => {
    const $ = load(html)
    const names = new Set(['nav', 'form'])
    const headers = pageElements($).named('header')
    expect(headers.filter((header) => hasDescendantNamed(header, names))).toEqual(
      $('header:has(nav), header:has(form)').toArray()
    )
    for (const element of pageElements($).all) {
      expect(ancestorsOf(element)).toEqual($(element).parents().toArray())
      expect(ancestorsOf(element, 2)).toEqual($(element).parents().toArray().slice(0, 2))
    }
  })

  it('finds descendants by name as `find` does on the parsed page, in document order', () => {
    const $ = parseHtml(`${html}<ul id="list"><li>a<ul><li>b</li></ul></li><li>c<a>d</a></li></ul>`)
    for (const element of pageElements($).all) {
      for (const name of ['li', 'h1', 'a']) {
        expect(descendantsNamed(element, new Set([name]))).toEqual($(element).find(name).toArray())
      }
    }
  })
})

describe('follows', () => {
  it('orders nodes as the document does, an ancestor never following its descendant', () => {
    const $ = load('<div id="a"><p id="b"><i id="c"></i></p><p id="d"></p></div><p id="e"></p>')
    const node = (id: string): AnyNode => $(`#${id}`).get(0)!
    expect(follows(node('b'), node('d'))).toBe(true)
    expect(follows(node('c'), node('d'))).toBe(true)
    expect(follows(node('c'), node('e'))).toBe(true)
    expect(follows(node('d'), node('b'))).toBe(false)
    expect(follows(node('b'), node('c'))).toBe(true)
    expect(follows(node('c'), node('b'))).toBe(false)
    expect(follows(node('b'), node('b'))).toBe(false)
  })
})

describe('equalsIgnoringCase', () => {
  it('tests an attribute as `[name="value" i]` does', () => {
    expect(equalsIgnoringCase('Description', 'description')).toBe(true)
    expect(equalsIgnoringCase('descriptions', 'description')).toBe(false)
    expect(equalsIgnoringCase(undefined, 'description')).toBe(false)
  })
})
