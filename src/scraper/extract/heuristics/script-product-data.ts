import type { Availability } from '../../../shared/product'
import type { PageElements } from '../page-elements'

/** What a page's own scripts say about the product (storefront state, variant JSON). */
export interface ScriptProductData {
  sku: string | null
  availability: Availability | null
}

const SKU_FIELD = /"(?:sku|productSku|product_sku|skuId)"\s*:\s*"([\p{L}\p{N}_.\-/]{2,40})"/u
// Stock fields of storefront JSON: "availability": "http://schema.org/InStock",
// "isInStock": true, "inStock": false, "stock_status": "outofstock", "available": true.
const STOCK_FIELD =
  /"(?:availability|isInStock|inStock|in_stock|stockStatus|stock_status|available|isAvailable|is_available)"\s*:\s*("?)([\w:/.\s-]{1,40})\1/
const SCRIPT_LIMIT = 2_000_000

/**
 * SKU and stock from the page's inline scripts that are not JSON-LD (read elsewhere): JSON in
 * `application/json` blocks, storefront state objects and variant lists. The first `"sku"` and
 * the first stock field written decide: storefronts write the page's product before anything
 * else. Values that are not an identifier's or a stock value's shape are skipped.
 */
export function scriptProductData(page: PageElements): ScriptProductData {
  let sku: string | null = null
  let availability: Availability | null = null
  let read = 0
  for (const script of page.named('script')) {
    const type = (script.attribs.type ?? '').toLowerCase()
    if (type.includes('ld+json') || (type !== '' && !/json|javascript/.test(type))) continue
    const first = script.children[0]
    if (!first || first.type !== 'text') continue
    const text = first.data
    read += text.length
    if (read > SCRIPT_LIMIT) break
    if (sku == null) {
      const match = SKU_FIELD.exec(text)
      if (match && /\d/.test(match[1]!)) sku = match[1]!
    }
    if (availability == null) {
      const match = STOCK_FIELD.exec(text)
      if (match) availability = stockValue(match[2]!)
    }
    if (sku != null && availability != null) break
  }
  return { sku, availability }
}

function stockValue(value: string): Availability | null {
  const bare = value
    .replace(/^https?:\/\/(www\.)?schema\.org\//i, '')
    .toLowerCase()
    .replace(/[\s_-]/g, '')
  if (/^(true|instock|available|preorder|backorder|limitedavailability)$/.test(bare)) {
    return bare === 'preorder' ? 'PreOrder' : 'InStock'
  }
  if (/^(false|outofstock|soldout|unavailable|discontinued)$/.test(bare)) {
    return bare === 'soldout' ? 'SoldOut' : 'OutOfStock'
  }
  return null
}
