import type { JsonResponse } from '../fetch/json-responses'
import { availabilityValues, type Availability, type ExtractedProduct } from '../../shared/product'

/** Product fields a JSON endpoint can stand in for, read from one value each. */
const scalarFields = [
  'name',
  'statedBrand',
  'sku',
  'mpn',
  'gtin',
  'price',
  'currency',
  'availability',
  'description',
  'category'
] as const
type ScalarField = (typeof scalarFields)[number]

/** Where each field's value is in the endpoint's JSON: a path of keys and indexes. */
export type FieldPaths = Partial<Record<ScalarField, (string | number)[]>>

/**
 * How to read a site's products from its JSON endpoint instead of rendering their pages:
 * learnt from rendered pages, kept per brand. Plain data, so it can be stored as JSON.
 */
export interface JsonEndpointRecipe {
  /** Origin of the site (pages and endpoint share it). */
  origin: string
  /** Path segments of the product pages; `null` marks the segment that names the product. */
  pageShape: (string | null)[]
  /** The endpoint URL with `{id}` where the page's naming segment goes. */
  endpoint: string
  fields: FieldPaths
}

/** Path segments of a URL, as the URL writes them (still percent-encoded): `/product/7` → `['product', '7']`. */
function segments(url: URL): string[] {
  return url.pathname.split('/').filter((part) => part !== '')
}

/** The value at `path` in `data`, or undefined. */
function valueAt(data: unknown, path: (string | number)[]): unknown {
  let current = data
  for (const key of path) {
    if (current == null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** Every scalar leaf of `data` with its path, breadth first, at most a few thousand. */
function leaves(data: unknown): Array<{ path: (string | number)[]; value: unknown }> {
  const found: Array<{ path: (string | number)[]; value: unknown }> = []
  const queue: Array<{ path: (string | number)[]; value: unknown }> = [{ path: [], value: data }]
  while (queue.length > 0 && found.length < 5_000) {
    const item = queue.shift()!
    if (item.value != null && typeof item.value === 'object') {
      for (const [key, value] of Object.entries(item.value)) {
        queue.push({ path: [...item.path, Array.isArray(item.value) ? Number(key) : key], value })
      }
    } else found.push(item)
  }
  return found
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** Whether a JSON value states the field's extracted value. */
function sameValue(field: ScalarField, extracted: unknown, value: unknown): boolean {
  if (field === 'price') {
    const number =
      typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
    return typeof extracted === 'number' && Math.abs(number - extracted) < 0.005
  }
  if (typeof value !== 'string' || typeof extracted !== 'string') return false
  if (field === 'availability') return value.replace(/^https?:\/\/schema\.org\//, '') === extracted
  if (field === 'currency') return value.toUpperCase() === extracted
  return squash(value) === squash(extracted)
}

/** The field read from a JSON value, as the extractors would have stated it; null if absent. */
function readValue(field: ScalarField, value: unknown): string | number | null {
  if (value == null) return null
  if (field === 'price') {
    const number = typeof value === 'number' ? value : Number(value)
    return Number.isFinite(number) ? number : null
  }
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const text = squash(String(value))
  if (field === 'availability') return text.replace(/^https?:\/\/schema\.org\//, '')
  if (field === 'currency') return text.toUpperCase()
  return text === '' ? null : text
}

/**
 * The recipe one rendered product page suggests, or null: a same-origin JSON response one of
 * whose URL segments (or query values) is a segment of the page URL, and whose values state every
 * field the extractors found (name and price at least). A field the JSON does not state, or
 * images and specifications, make it null: the endpoint would lose data.
 */
export function recipeFromSample(
  pageUrl: string,
  product: ExtractedProduct,
  responses: JsonResponse[]
): JsonEndpointRecipe | null {
  if (product.price == null || product.images.length > 0 || Object.keys(product.specs).length > 0)
    return null
  const page = new URL(pageUrl)
  const pageParts = segments(page)
  for (const response of responses) {
    const endpoint = new URL(response.url)
    if (endpoint.origin !== page.origin) continue
    let data: unknown
    try {
      data = JSON.parse(response.body)
    } catch {
      continue
    }
    const fields = fieldPaths(product, data)
    if (fields == null) continue
    // The page's naming segment: the last one of its path that the endpoint URL contains.
    for (let i = pageParts.length - 1; i >= 0; i--) {
      const part = pageParts[i]!
      const template = templateOf(endpoint, part)
      if (template == null) continue
      const pageShape = pageParts.map((segment, index) => (index === i ? null : segment))
      return { origin: page.origin, pageShape, endpoint: template, fields }
    }
  }
  return null
}

/** Paths of every non-empty extracted field in `data`, or null if one is missing. */
function fieldPaths(product: ExtractedProduct, data: unknown): FieldPaths | null {
  const all = leaves(data)
  const fields: FieldPaths = {}
  for (const field of scalarFields) {
    const extracted = product[field]
    if (extracted == null) continue
    const match = all.find((leaf) => sameValue(field, extracted, leaf.value))
    if (match == null) return null
    fields[field] = match.path
  }
  return fields
}

/** The endpoint URL with `{id}` for the segment or query value equal to `part`, or null. */
function templateOf(endpoint: URL, part: string): string | null {
  const parts = endpoint.pathname.split('/')
  const index = parts.findIndex((segment) => segment !== '' && segment === part)
  if (index !== -1) {
    parts[index] = '{id}'
    return `${endpoint.origin}${parts.join('/')}${endpoint.search}`
  }
  for (const [key, value] of endpoint.searchParams) {
    if (value !== part) continue
    const query = new URLSearchParams(endpoint.searchParams)
    query.set(key, '{id}')
    return `${endpoint.origin}${endpoint.pathname}?${query.toString().replace('%7Bid%7D', '{id}')}`
  }
  return null
}

/** Whether two recipes are the same (samples agree). */
export function sameRecipe(a: JsonEndpointRecipe, b: JsonEndpointRecipe): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The endpoint URL for a page, or null when the page is not of the recipe's shape. */
export function endpointFor(recipe: JsonEndpointRecipe, pageUrl: string): string | null {
  let page: URL
  try {
    page = new URL(pageUrl)
  } catch {
    return null
  }
  if (page.origin !== recipe.origin || page.search !== '') return null
  const parts = segments(page)
  if (parts.length !== recipe.pageShape.length) return null
  let id: string | null = null
  for (let i = 0; i < parts.length; i++) {
    const shape = recipe.pageShape[i]
    if (shape === null) id = parts[i]!
    else if (shape !== parts[i]) return null
  }
  return id == null ? null : recipe.endpoint.replace('{id}', reencoded(id))
}

/** A path segment encoded once for any place in a URL: decoded first, so `a%20b` stays `a%20b`. */
function reencoded(segment: string): string {
  try {
    return encodeURIComponent(decodeURIComponent(segment))
  } catch {
    // A malformed escape: the segment as the page wrote it.
    return segment
  }
}

/** The product the endpoint's JSON states, read with the recipe; null when it has no name. */
export function productFromJson(
  recipe: JsonEndpointRecipe,
  url: string,
  data: unknown
): ExtractedProduct | null {
  const read = (field: ScalarField): string | number | null => {
    const path = recipe.fields[field]
    return path == null ? null : readValue(field, valueAt(data, path))
  }
  const name = read('name')
  if (typeof name !== 'string') return null
  const text = (field: ScalarField): string | null => {
    const value = read(field)
    return value == null ? null : String(value)
  }
  const price = read('price')
  return {
    name,
    statedBrand: text('statedBrand'),
    sku: text('sku'),
    mpn: text('mpn'),
    gtin: text('gtin'),
    price: typeof price === 'number' ? price : null,
    currency: text('currency'),
    availability: availabilityOf(text('availability')),
    description: text('description'),
    category: text('category'),
    images: [],
    specs: {},
    raw: { source: 'json-endpoint', url, data }
  }
}

/** A schema.org availability name, or null for anything else. */
function availabilityOf(value: string | null): Availability | null {
  return (availabilityValues as readonly string[]).includes(value ?? '')
    ? (value as Availability)
    : null
}

/** The fields on which a rendered product and the endpoint's disagree (none: they match). */
export function disagreements(rendered: ExtractedProduct, fromJson: ExtractedProduct): string[] {
  const differs: string[] = scalarFields.filter((field) => {
    const a = rendered[field]
    const b = fromJson[field]
    if (typeof a === 'string' && typeof b === 'string') return squash(a) !== squash(b)
    return a !== b
  })
  if (rendered.images.length > 0) differs.push('images')
  if (Object.keys(rendered.specs).length > 0) differs.push('specs')
  return differs
}
