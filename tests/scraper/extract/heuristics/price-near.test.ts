import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import {
  mentionsPrice,
  priceNear,
  shownPrice
} from '../../../../src/scraper/extract/heuristics/price-near'

describe('priceNear', () => {
  it('takes the nearest price after the heading, skipping former, hidden and unit prices', () => {
    const $ = load(`<body><div class="product">
      <span class="price">$9.00</span><h1>Lamp</h1>
      <span class="old-price">$30.00</span>
      <span class="price sr-only">$1.00</span>
      <span class="unit-price">$2.00</span>
      <span class="price">$3.10 / kg</span>
      <span class="price">$25.50</span></div></body>`)
    expect(priceNear($, $('h1'))).toEqual({ amount: 25.5, currency: 'USD' })
  })

  it('takes the first price when none follows, and none from a grid of many prices', () => {
    const before = load('<div><span class="price">€12,00</span><h1>Lamp</h1></div>')
    expect(priceNear(before, before('h1'))).toEqual({ amount: 12, currency: 'EUR' })
    const grid = load(`<div><h1>Lamps</h1><p class="price">$1.00</p><p class="price">$2.00</p>
      <p class="price">$3.00</p></div>`)
    expect(priceNear(grid, grid('h1'))).toBeNull()
  })

  it('reads a bare data-price when the element shows no price text', () => {
    const $ = load('<div><h1>Lamp</h1><span data-price="19.90"></span></div>')
    expect(priceNear($, $('h1'))?.amount).toBe(19.9)
  })
})

describe('mentionsPrice', () => {
  it('tests the id and class for "price", in any case', () => {
    const $ = load('<p id="ProductPrice"></p><p class="a-price"></p><p class="prize"></p>')
    expect($('p').toArray().map(mentionsPrice)).toEqual([true, true, false])
  })
})

describe('priceNear with a buy button', () => {
  it('takes the price beside the buy button when the heading sits among many prices', () => {
    const $ = load(`<body><div id="main"><h1>Dog seat</h1>
      <div><span class="price">€ 10,00</span><span class="price">€ 20,00</span></div>
      <div class="buybox"><span class="price">€ 66,75</span><button>Add to cart</button></div>
      <span class="price">€ 30,00</span></div></body>`)
    expect(priceNear($, $('h1'))).toBeNull()
    expect(priceNear($, $('h1'), $('button').get(0)!)).toEqual({ amount: 66.75, currency: 'EUR' })
  })

  it('reads a bare amount whose currency stands beside it, not half of a split amount', () => {
    const $ = load('<div><h1>Lamp</h1><strong>€ <span class="price">17,10</span></strong></div>')
    expect(priceNear($, $('h1'))).toEqual({ amount: 17.1, currency: 'EUR' })
    const split = load(
      '<div><h1>Lamp</h1><span>$<span>29.</span><span class="price-fraction">99</span></span></div>'
    )
    expect(priceNear(split, split('h1'))).toBeNull()
  })

  it('tells the former prices shown beside the price, struck or marked inside a price block', () => {
    const $ = load(`<div><h1>Lamp</h1><h3>€ <span class="price-now">17,10</span></h3>
      <div class="full-price"><span class="barred">€ 18,00</span> <span>-5%</span></div>
      <span class="price"><del>€ 20,00</del></span></div>`)
    expect(shownPrice($, $('h1'))).toEqual({
      price: { amount: 17.1, currency: 'EUR' },
      former: [18, 20]
    })
  })
})

describe('priceNear, walking up from the heading', () => {
  it('lets the nearest block with a price decide, not a wrapper that holds the heading', () => {
    // The wrapper's class says "price" and it holds the heading: it is no price element of its
    // own block; the inner block's price is nearer than the one in the outer block.
    const $ = load(`<body><div class="price-area"><section>
      <div><h1>Lamp</h1></div><span class="price">€ 14,00</span></section>
      <span class="price">€ 99,00</span></div><span class="price">€ 1,00</span></body>`)
    expect(priceNear($, $('h1'))).toEqual({ amount: 14, currency: 'EUR' })
    const outer = load(`<body><div class="outer"><div><h1>Lamp</h1></div>
      <s class="price">€ 20,00</s><span class="price">€ 15,00</span></div>
      <span class="price">€ 1,00</span></body>`)
    expect(shownPrice(outer, outer('h1'))).toEqual({
      price: { amount: 15, currency: 'EUR' },
      former: [20]
    })
  })
})
