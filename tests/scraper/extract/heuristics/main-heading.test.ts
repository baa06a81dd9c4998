import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { mainHeading } from '../../../../src/scraper/extract/heuristics/main-heading'

describe('mainHeading', () => {
  it('picks the h1 outside page chrome that shares most words with the titles', () => {
    const $ = load(`<html><head><title>Shop</title>
      <meta property="og:title" content="Maple Bench Top"></head><body>
      <header><h1>Maple Bench Top</h1><nav></nav></header>
      <div role="dialog"><h1>Maple cookies</h1></div>
      <h1>Shop</h1><main><h1>Maple Bench Top</h1></main></body></html>`)
    const heading = mainHeading($)
    expect(heading?.text()).toBe('Maple Bench Top')
    expect(heading?.parent().is('main')).toBe(true)
  })

  it('takes the first h1 when none shares a word, and none when all are chrome', () => {
    expect(mainHeading(load('<h1>One</h1><h1>Two</h1>'))?.text()).toBe('One')
    expect(mainHeading(load('<footer><h1>Footer</h1></footer><h1 hidden>Hidden</h1>'))).toBeNull()
  })
})

describe('mainHeading without an h1', () => {
  it('takes an element named as a title whose words are the document title', () => {
    const $ = load(`<html><head><title>招牌肉乾(10包) - Shop</title></head><body>
      <div class="title">Other</div><div class="title">招牌肉乾(10包)</div></body></html>`)
    expect(mainHeading($)?.text()).toBe('招牌肉乾(10包)')
  })

  it('finds nothing when no such element shares the title', () => {
    const $ = load('<html><head><title>Lamp</title></head><body><h2>Newsletter</h2></body></html>')
    expect(mainHeading($)).toBeNull()
  })
})
