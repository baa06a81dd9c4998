import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { extractOpenGraph } from '../../../src/scraper/extract/extract-open-graph'

describe('extractOpenGraph', () => {
  it('reads product tags', () => {
    const $ = load(`<head>
      <meta property="og:type" content="product">
      <meta property="og:title" content="Sink &amp; Faucet">
      <meta property="og:description" content="A sink.">
      <meta property="og:image" content="/i/sink.jpg">
      <meta property="og:url" content="/p/sink">
      <meta property="product:price:amount" content="329.99">
      <meta property="product:price:currency" content="usd">
      <meta property="product:brand" content="AFA">
      <meta property="product:availability" content="in stock">
      <meta property="product:retailer_item_id" content="1275464">
      <meta property="og:upc" content="W005759888">
    </head>`)
    const og = extractOpenGraph($, 'https://shop.example/x')
    expect(og.isProduct).toBe(true)
    expect(og.url).toBe('https://shop.example/p/sink')
    expect(og.fields).toMatchObject({
      name: 'Sink & Faucet',
      description: 'A sink.',
      images: ['https://shop.example/i/sink.jpg'],
      price: 329.99,
      currency: 'USD',
      statedBrand: 'AFA',
      availability: 'InStock',
      sku: '1275464',
      gtin: null
    })
  })

  it('reads og:price:amount, a comma decimal, and namespaced product types', () => {
    const $ = load(`<head>
      <meta property="og:type" content="wayfairus:product">
      <meta name="og:price:amount" content="48,00">
      <meta property="og:price:currency" content="EUR">
    </head>`)
    const og = extractOpenGraph($, 'https://shop.example/x')
    expect(og.isProduct).toBe(true)
    expect(og.fields).toMatchObject({ price: 48, currency: 'EUR' })
  })

  it('does not call an article a product', () => {
    const $ = load('<head><meta property="og:type" content="article"></head>')
    expect(extractOpenGraph($, 'https://shop.example/x').isProduct).toBe(false)
  })
})
