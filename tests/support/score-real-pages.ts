import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { extractedProductSchema, type ExtractedProduct } from '../../src/shared/product'
import { collapseWhitespace } from '../../src/scraper/extract/html-text'
import { extractProduct } from '../../src/scraper/extract/extract-product'

const truthSchema = z.array(
  z.object({
    file: z.string(),
    page_url: z.string(),
    expected: z.record(z.string(), z.string()),
    alternatives: z.record(z.string(), z.array(z.string())).optional(),
    absent: z.array(z.string()).optional(),
    notes: z.string().optional()
  })
)

/** How the extractor fares on the saved real pages, per asserted field. */
export interface RealPagesScore {
  /** Pages read. */
  pages: number
  /** Per asserted field: pages where it was right, pages where it was asserted. */
  fields: Record<string, { right: number; total: number }>
  /** "file: field = value" for each value extracted that `absent` says the page lacks. */
  absentViolations: string[]
  /** "file: field: expected …, got …" for each wrong field. */
  failures: string[]
}

/**
 * Extract every page listed in `dir/truth.json` and compare field by field, by the rules of the
 * fixtures' SOURCES.md: names (and the stated brand, sku, mpn, gtin) case-insensitively on collapsed
 * whitespace, prices as decimals, currencies as codes, the first image by URL path (and, for
 * image services whose path names no file, by the query's non-size parameters), the description
 * by prefix. `alternatives` are right too. Shared by the acceptance test and the benchmark.
 */
export function scoreRealPages(dir: string): RealPagesScore {
  const truth = truthSchema.parse(JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')))
  const score: RealPagesScore = { pages: 0, fields: {}, absentViolations: [], failures: [] }
  for (const page of truth) {
    score.pages++
    const html = readFileSync(path.join(dir, page.file), 'utf8')
    const product = extractProduct(html, { url: page.page_url })
    for (const [field, expected] of Object.entries(page.expected)) {
      const tally = (score.fields[field] ??= { right: 0, total: 0 })
      tally.total++
      const actual = actualValue(product, field)
      const accepted = [expected, ...(page.alternatives?.[field] ?? [])]
      if (accepted.some((value) => matches(field, value, actual))) tally.right++
      else {
        score.failures.push(
          `${page.file}: ${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`
        )
      }
    }
    for (const field of page.absent ?? []) {
      const actual = actualValue(product, field)
      if (actual != null && actual !== '') {
        score.absentViolations.push(`${page.file}: ${field} = ${JSON.stringify(actual)}`)
      }
    }
  }
  return score
}

// truth.json's names for fields that the product names otherwise or reads in part.
const TRUTH_FIELDS: Record<string, (product: ExtractedProduct) => unknown> = {
  brand: (product) => product.statedBrand,
  image: (product) => product.images[0],
  description_prefix: (product) => product.description
}

function actualValue(product: ExtractedProduct | null, field: string): string | number | null {
  if (product == null) return null
  const read = TRUTH_FIELDS[field]
  const key = extractedProductSchema.keyof().safeParse(field)
  const value = read ? read(product) : key.success ? product[key.data] : null
  return typeof value === 'string' || typeof value === 'number' ? value : null
}

function matches(field: string, expected: string, actual: string | number | null): boolean {
  if (actual == null) return false
  switch (field) {
    case 'price':
      return typeof actual === 'number' && Math.abs(actual - Number(expected)) < 0.005
    case 'currency':
      return String(actual).toUpperCase() === expected.toUpperCase()
    case 'image':
      return sameImage(expected, String(actual))
    case 'description_prefix':
      return normalized(String(actual)).startsWith(normalized(expected))
    default:
      return normalized(String(actual)) === normalized(expected)
  }
}

function normalized(text: string): string {
  return collapseWhitespace(text).toLowerCase()
}

// Query parameters that choose a rendition (size, quality, format), not the image.
const RENDITION_PARAMETER =
  /^(w|h|sw|sh|width|height|size|q|quality|fmt|format|recipename|dpr|fit)$/i

function sameImage(expected: string, actual: string): boolean {
  let a: URL
  let b: URL
  try {
    a = new URL(expected)
    b = new URL(actual)
  } catch {
    return false
  }
  if (decodeURIComponent(a.pathname) !== decodeURIComponent(b.pathname)) return false
  // A path with a file name identifies the image; an image service's path does not.
  if (/\.[a-z0-9]{2,5}$/i.test(a.pathname)) return true
  for (const [key, value] of a.searchParams) {
    if (!RENDITION_PARAMETER.test(key) && b.searchParams.get(key) !== value) return false
  }
  return true
}
