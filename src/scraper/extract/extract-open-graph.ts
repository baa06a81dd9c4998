import type { CheerioAPI } from 'cheerio'
import { cleanText, htmlToText } from './html-text'
import { normalizeAvailability } from './normalize-availability'
import { normalizeGtin } from './normalize-gtin'
import { pageElements } from './page-elements'
import { parsePrice } from './parse-price'
import { emptyProductFields, type ProductFields } from './product-fields'
import { resolveUrl } from './resolve-url'

/** What the page's OpenGraph (and Facebook product) meta tags say. */
export interface OpenGraphData {
  /** `og:type`, lowercased, or null. */
  type: string | null
  /** True for `og:type` product, `product.item`, `product.group` or a namespaced `x:product`. */
  isProduct: boolean
  /** `og:url`, absolute, or null. */
  url: string | null
  /** Fields the tags state: `og:title` as name, `og:image`s, price, brand, availability, ids. */
  fields: ProductFields
}

/**
 * Read OpenGraph and product meta tags: `og:title`, `og:description`, `og:image`, `og:type`,
 * `product:price:amount`/`:currency` (or `og:price:*`), `product:brand`, `product:availability`,
 * `product:retailer_item_id`, `product:gtin`/`:upc`/`:ean` (only real GTINs). Tags are matched on
 * `property` or, as many pages write them, `name`.
 */
export function extractOpenGraph($: CheerioAPI, url: string): OpenGraphData {
  const tags = new Map<string, string[]>()
  for (const element of pageElements($).named('meta')) {
    const { attribs } = element
    const key = (attribs.property ?? attribs.name ?? '').trim().toLowerCase()
    const content = attribs.content
    if (!/^(og|product):/.test(key) || content === undefined) continue
    const list = tags.get(key) ?? []
    list.push(content)
    tags.set(key, list)
  }
  const first = (...keys: string[]): string | null => {
    for (const key of keys) {
      for (const value of tags.get(key) ?? []) {
        const text = cleanText(value)
        if (text) return text
      }
    }
    return null
  }

  const type = first('og:type')?.toLowerCase() ?? null
  const fields = emptyProductFields()
  fields.name = first('og:title')
  const description = first('og:description')
  fields.description = description ? htmlToText(description) : null
  for (const key of ['og:image:secure_url', 'og:image', 'og:image:url']) {
    for (const value of tags.get(key) ?? []) {
      const image = resolveUrl(value, url)
      if (image && !fields.images.includes(image)) fields.images.push(image)
    }
  }
  fields.statedBrand = first('product:brand', 'og:brand')
  fields.availability = normalizeAvailability(first('product:availability', 'og:availability'))
  fields.sku = first('product:retailer_item_id', 'product:retailer_part_no')
  fields.mpn = first('product:mfr_part_no')
  for (const key of ['product:gtin', 'product:ean', 'product:upc', 'product:isbn', 'og:upc']) {
    fields.gtin ??= normalizeGtin(first(key))
  }
  const currency = first('product:price:currency', 'og:price:currency')
  const amount = first('product:price:amount', 'og:price:amount', 'product:sale_price:amount')
  const price = amount ? parsePrice(amount, { currency }) : null
  if (price) {
    fields.price = price.amount
    // The currency tag is explicit, a symbol inside the amount only a hint.
    fields.currency = currency?.toUpperCase() ?? price.currency
  }
  return {
    type,
    isProduct: type != null && /(^|[:.])product(\.|$)/.test(type),
    url: resolveUrl(first('og:url'), url),
    fields
  }
}
