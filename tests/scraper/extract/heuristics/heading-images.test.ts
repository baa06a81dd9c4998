import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { headingImages } from '../../../../src/scraper/extract/heuristics/heading-images'

const url = 'https://shop.example/p/tape'

describe('headingImages', () => {
  it('takes images whose alt is the name, largest variant first and thumbnails last', () => {
    const $ = load(`<head><link rel="Image_Src" href="/link.jpg">
      <meta name="twitter:image" content="https://cdn.example/tw.jpg"></head><body>
      <img src="/thumb.jpg" alt="duct  TAPE" width="60">
      <img src="/small.jpg" data-zoom-image="/zoom.jpg" alt="Duct Tape">
      <img src="/other.jpg" alt="Glue">
      <nav><img src="/nav.jpg" alt="Duct Tape"></nav></body>`)
    expect(headingImages($, url, 'Duct Tape')).toEqual([
      'https://shop.example/zoom.jpg',
      'https://shop.example/link.jpg',
      'https://cdn.example/tw.jpg',
      'https://shop.example/thumb.jpg'
    ])
  })

  it('without a name, takes only the linked images', () => {
    const $ = load('<link rel="image_src" href="/link.jpg"><img src="/a.jpg" alt="">')
    expect(headingImages($, url, null)).toEqual(['https://shop.example/link.jpg'])
  })
})
