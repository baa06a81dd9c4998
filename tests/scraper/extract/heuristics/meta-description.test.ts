import { load } from 'cheerio'
import { describe, expect, it } from 'vitest'
import { metaDescription } from '../../../../src/scraper/extract/heuristics/meta-description'

describe('metaDescription', () => {
  it('reads the first meta description, whatever the case of its name', () => {
    const $ = load(`<meta name="Description" content="  A   maple top. ">
      <meta name="description" content="Second">`)
    expect(metaDescription($)).toBe('A maple top.')
  })

  it('is null when the page has none or it is blank', () => {
    expect(metaDescription(load('<meta name="keywords" content="x">'))).toBeNull()
    expect(metaDescription(load('<meta name="description" content="  ">'))).toBeNull()
  })
})
