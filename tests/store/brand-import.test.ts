import { describe, expect, it } from 'vitest'
import { brandListFormat, maxBrandListChars, parseBrandList } from '../../src/store/brand-import'
import { StoreError } from '../../src/store/store-error'

describe('parseBrandList', () => {
  it('reads a JSON array, or an object with a brands array', () => {
    const brands = [
      { name: 'KRK Systems', website: 'https://www.krkmusic.com/', priority: 2 },
      { name: 'Shure', website: 'https://www.shure.com/', enabled: false }
    ]
    expect(parseBrandList(JSON.stringify(brands), 'json')).toEqual(brands)
    expect(parseBrandList(JSON.stringify({ brands }), 'json')).toEqual(brands)
  })

  it('reads a CSV with a header row in any case and order, with a BOM and blank lines', () => {
    const csv =
      '\uFEFFWebsite, Name ,Priority,Enabled\n' +
      'https://www.krkmusic.com/,KRK Systems,3,yes\n' +
      '\n' +
      'https://www.shure.com/,"Shure, Inc.",,off\n' +
      'https://neumann.test/,Neumann,,\n'
    expect(parseBrandList(csv, 'csv')).toEqual([
      { name: 'KRK Systems', website: 'https://www.krkmusic.com/', priority: 3, enabled: true },
      { name: 'Shure, Inc.', website: 'https://www.shure.com/', enabled: false },
      { name: 'Neumann', website: 'https://neumann.test/' }
    ])
    expect(parseBrandList('name,website\n', 'csv')).toEqual([])
  })

  const malformed: [string, string, 'json' | 'csv', RegExp][] = [
    ['JSON that does not parse', '[{"name": ', 'json', /^The brand list is not valid JSON: /],
    ['JSON that is not a list', '{"name": "KRK"}', 'json', /must be an array of/],
    ['JSON null', 'null', 'json', /must be an array of/],
    [
      'a CSV without name and website columns',
      'title,url\nX,https://x.test/\n',
      'csv',
      /header row/
    ],
    [
      'a CSV with a ragged row',
      'name,website\nA,https://a.test/,extra\n',
      'csv',
      /^The brand CSV cannot be read: /
    ],
    [
      'a CSV with an open quote',
      'name,website\n"A,https://a.test/\n',
      'csv',
      /^The brand CSV cannot be read: /
    ]
  ]
  it.each(malformed)(
    'refuses %s with a bad_request saying why',
    (_what, content, format, message) => {
      let thrown: unknown
      try {
        parseBrandList(content, format)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(StoreError)
      expect((thrown as StoreError).code).toBe('bad_request')
      expect((thrown as StoreError).message).toMatch(message)
    }
  )
})

describe('brandListFormat', () => {
  it('takes .csv in any case as CSV, anything else as JSON', () => {
    expect(brandListFormat('brands.CSV')).toBe('csv')
    expect(brandListFormat('brands.csv')).toBe('csv')
    expect(brandListFormat('brands.json')).toBe('json')
    expect(brandListFormat('brands')).toBe('json')
  })
})

describe('parseBrandList size cap', () => {
  it('refuses a list over the HTTP import’s 10 000 000 characters, saying so', () => {
    const header = 'name,website\nBig,https://big.test/\n'
    const content = header + ' '.repeat(maxBrandListChars + 1 - header.length)
    expect(() => parseBrandList(content, 'csv')).toThrow(
      /too long: 10,000,001 characters, over the limit of 10,000,000 characters/
    )
    expect(parseBrandList(header, 'csv')).toHaveLength(1)
  })
})
