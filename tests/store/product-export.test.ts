import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { ProductRecord } from '../../src/shared/product'
import {
  formatProducts,
  productExportColumns,
  toExportRecord
} from '../../src/store/product-export'

function record(overrides: Partial<ProductRecord> = {}): ProductRecord {
  return {
    id: 1,
    brandId: 2,
    brandName: 'Sweetwater',
    url: 'https://sweetwater.test/krk-rokit-5',
    name: 'Rokit 5 G4',
    statedBrand: 'KRK',
    sku: 'RP5G4',
    mpn: null,
    gtin: '0123456789012',
    price: 199.5,
    currency: 'USD',
    availability: 'InStock',
    description: 'Studio monitor, "DSP" EQ,\nnew line',
    category: 'Monitors > Studio',
    images: ['https://sweetwater.test/a.jpg', 'https://sweetwater.test/b.jpg'],
    specs: { Woofer: '5 inch', Tweeter: '1 inch' },
    contentHash: 'abc',
    firstSeenAt: '2026-01-01T00:00:00.000Z',
    lastSeenAt: '2026-01-03T00:00:00.000Z',
    lastChangedAt: '2026-01-02T00:00:00.000Z',
    missingSince: null,
    ...overrides
  }
}

describe('product export', () => {
  it('names the catalog brand `brand` and keeps the page’s own as `stated_brand`', () => {
    expect(toExportRecord(record())).toEqual({
      brand: 'Sweetwater',
      url: 'https://sweetwater.test/krk-rokit-5',
      name: 'Rokit 5 G4',
      stated_brand: 'KRK',
      sku: 'RP5G4',
      mpn: null,
      gtin: '0123456789012',
      price: 199.5,
      currency: 'USD',
      availability: 'InStock',
      description: 'Studio monitor, "DSP" EQ,\nnew line',
      category: 'Monitors > Studio',
      images: ['https://sweetwater.test/a.jpg', 'https://sweetwater.test/b.jpg'],
      specs: { Woofer: '5 inch', Tweeter: '1 inch' },
      first_seen_at: '2026-01-01T00:00:00.000Z',
      last_seen_at: '2026-01-03T00:00:00.000Z'
    })
  })

  it('writes JSON: an array of export records, price a number, images an array', () => {
    const json = formatProducts([record(), record({ id: 2, name: 'Rokit 7' })], 'json')
    expect(json.endsWith('\n')).toBe(true)
    expect(JSON.parse(json)).toEqual([
      toExportRecord(record()),
      toExportRecord(record({ id: 2, name: 'Rokit 7' }))
    ])
    expect(formatProducts([], 'json')).toBe('[]\n')
  })

  it('writes CSV with a header row, images space-joined and specs as JSON, quoting intact', () => {
    const csv = formatProducts([record(), record({ statedBrand: null, price: null })], 'csv')
    expect(csv.split('\n')[0]).toBe(
      'brand,url,name,stated_brand,sku,mpn,gtin,price,currency,availability,description,' +
        'category,images,specs,first_seen_at,last_seen_at'
    )
    const rows = parse(csv, { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual(productExportColumns)
    expect(rows[0]).toMatchObject({
      brand: 'Sweetwater',
      stated_brand: 'KRK',
      price: '199.5',
      mpn: '',
      description: 'Studio monitor, "DSP" EQ,\nnew line',
      images: 'https://sweetwater.test/a.jpg https://sweetwater.test/b.jpg'
    })
    expect(JSON.parse(rows[0]!.specs!)).toEqual({ Woofer: '5 inch', Tweeter: '1 inch' })
    expect(rows[1]).toMatchObject({ stated_brand: '', price: '' })
  })

  it('keeps a spreadsheet from running scraped text as a formula', () => {
    const hostile = record({
      name: '=cmd|" /C calc"!A0',
      statedBrand: '+SUM(1,2)',
      sku: '-2+3',
      mpn: '@SUM(A1)',
      category: '\t=1+1',
      gtin: '\r=1+1',
      description: 'Safe = text'
    })
    const [row] = parse(formatProducts([hostile], 'csv'), { columns: true }) as Record<
      string,
      string
    >[]
    expect(row).toMatchObject({
      name: `'=cmd|" /C calc"!A0`,
      stated_brand: "'+SUM(1,2)",
      sku: "'-2+3",
      mpn: "'@SUM(A1)",
      category: "'\t=1+1",
      gtin: "'\r=1+1",
      description: 'Safe = text'
    })
    // Numbers are numbers, not text a spreadsheet could evaluate: left as they are.
    const [negative] = parse(formatProducts([record({ price: -5 })], 'csv'), {
      columns: true
    }) as Record<string, string>[]
    expect(negative!.price).toBe('-5')
    // JSON is data, not a spreadsheet: the value stays as the page gave it.
    expect(JSON.parse(formatProducts([hostile], 'json'))[0].name).toBe('=cmd|" /C calc"!A0')
  })
})
