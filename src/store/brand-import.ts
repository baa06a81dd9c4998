import { parse } from 'csv-parse/sync'
import type { BrandInput } from '../shared/brand'
import { StoreError } from './store-error'

/** Columns a brand CSV may have; `name` and `website` are required. */
const csvColumns = ['name', 'website', 'priority', 'enabled'] as const

/**
 * The longest brand list accepted, in characters: the same cap as the HTTP import's
 * (`brands.import` in the API contract), so a huge file cannot fill the catalog with brands no
 * list can show.
 */
export const maxBrandListChars = 10_000_000

/**
 * Reads a brand list a user gives: a JSON array of `{ name, website, priority?, enabled? }`, or a
 * CSV with a header row naming those columns, at most `maxBrandListChars` long. Validation of
 * each brand is the store's.
 */
export function parseBrandList(content: string, format: 'json' | 'csv'): BrandInput[] {
  if (content.length > maxBrandListChars) {
    throw new StoreError('bad_request', brandListTooLong(content.length))
  }
  if (format === 'json') {
    let data: unknown
    try {
      data = JSON.parse(content)
    } catch (error) {
      throw new StoreError(
        'bad_request',
        `The brand list is not valid JSON: ${(error as Error).message}`
      )
    }
    const list = Array.isArray(data) ? data : (data as { brands?: unknown })?.brands
    if (!Array.isArray(list)) {
      throw new StoreError(
        'bad_request',
        'A JSON brand list must be an array of {"name": …, "website": …} objects.'
      )
    }
    return list as BrandInput[]
  }
  let rows: Record<string, string>[]
  try {
    rows = parse(content, {
      columns: (header: string[]) => header.map((column) => column.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true
    })
  } catch (error) {
    throw new StoreError('bad_request', `The brand CSV cannot be read: ${(error as Error).message}`)
  }
  if (rows.length > 0 && !('name' in rows[0]! && 'website' in rows[0]!)) {
    throw new StoreError(
      'bad_request',
      `A brand CSV needs a header row with the columns ${csvColumns.join(', ')} (name and website required).`
    )
  }
  return rows.map((row) => ({
    name: row.name ?? '',
    website: row.website ?? '',
    ...(row.priority ? { priority: Number(row.priority) } : {}),
    ...(row.enabled ? { enabled: !/^(false|0|no|off)$/i.test(row.enabled) } : {})
  }))
}

/** Picks the format from a file name: `.csv` is CSV, anything else JSON. */
export function brandListFormat(fileName: string): 'json' | 'csv' {
  return /\.csv$/i.test(fileName) ? 'csv' : 'json'
}

/** The refusal of a brand list of `size` characters (or bytes) over `maxBrandListChars`. */
export function brandListTooLong(size: number, unit = 'characters'): string {
  return (
    `The brand list is too long: ${size.toLocaleString('en-US')} ${unit}, over the limit of ` +
    `${maxBrandListChars.toLocaleString('en-US')} ${unit}. Split it into smaller files.`
  )
}
