import { cleanText, htmlToText } from './html-text'
import { normalizeAvailability } from './normalize-availability'
import { parseStructuredPrice } from './parse-price'
import { emptyProductFields, type ProductFields } from './product-fields'
import { normalizeCategory } from './normalize-category'
import { normalizeGtin } from './normalize-gtin'
import { resolveUrl } from './resolve-url'
import {
  firstString,
  hasType,
  isNode,
  nodes,
  typesOf,
  values,
  type SchemaIndex,
  type SchemaNode
} from './schema-node'

/** schema.org types that describe one product. */
export const PRODUCT_TYPES: ReadonlySet<string> = new Set([
  'Product',
  'ProductGroup',
  'IndividualProduct',
  'ProductModel',
  'SomeProducts'
])

const OFFER_TYPES: ReadonlySet<string> = new Set(['Offer', 'AggregateOffer'])

/** Where a schema.org node was found: the base for relative URLs and the `@id` index. */
export interface SchemaContext {
  /** Base URL for relative links. */
  base: string
  /** Nodes by `@id`, to follow references. Default: none. */
  index?: SchemaIndex
}

/**
 * Product fields stated by a schema.org `Product` (or `ProductGroup`, `IndividualProduct`,
 * `ProductModel`) node, from JSON-LD, microdata or RDFa alike. A `ProductGroup` without offers of
 * its own takes price, availability and missing identifiers from its first variant.
 */
export function productFromSchemaNode(node: SchemaNode, context: SchemaContext): ProductFields {
  const { index, base } = context
  const fields = emptyProductFields()
  fields.raw = node
  fields.name = textValue(node, 'name', index)
  fields.statedBrand = statedBrandOf(node, index)
  fields.sku = cleanText(firstString(node, 'sku', index))
  fields.mpn = cleanText(firstString(node, 'mpn', index))
  fields.gtin = gtinOf(node, index)
  fields.description = textValue(node, 'description', index)
  fields.category = categoryOf(node, index)
  fields.images = imagesOf(node, context)
  fields.specs = specsOf(node, index)
  fields.url = urlOf(node, base, index)
  applyOffers(fields, nodes(node, 'offers', index), index)

  if (typesOf(node).includes('ProductGroup')) {
    const variants = nodes(node, 'hasVariant', index).filter((variant) =>
      hasType(variant, PRODUCT_TYPES)
    )
    const first = variants[0]
    if (first) {
      const variant = productFromSchemaNode(first, context)
      if (fields.price == null) {
        fields.price = variant.price
        fields.currency = variant.currency
      }
      fields.availability ??= variant.availability
      fields.sku ??= variant.sku
      fields.mpn ??= variant.mpn
      fields.gtin ??= variant.gtin
      fields.statedBrand ??= variant.statedBrand
      fields.description ??= variant.description
      if (fields.images.length === 0) fields.images = variant.images
    }
  }
  return fields
}

function textValue(node: SchemaNode, property: string, index?: SchemaIndex): string | null {
  const value = firstString(node, property, index)
  return value == null ? null : htmlToText(value)
}

function statedBrandOf(node: SchemaNode, index?: SchemaIndex): string | null {
  for (const value of values(node, 'brand', index)) {
    if (typeof value === 'string') {
      const text = htmlToText(value)
      if (text) return text
    } else if (isNode(value)) {
      const name = textValue(value, 'name', index)
      if (name) return name
    }
  }
  return null
}

function gtinOf(node: SchemaNode, index?: SchemaIndex): string | null {
  for (const property of ['gtin', 'gtin13', 'gtin12', 'gtin14', 'gtin8']) {
    for (const value of values(node, property, index)) {
      const gtin = normalizeGtin(value)
      if (gtin) return gtin
    }
  }
  return null
}

function categoryOf(node: SchemaNode, index?: SchemaIndex): string | null {
  const names: string[] = []
  for (const value of values(node, 'category', index)) {
    if (typeof value === 'string') names.push(value)
    else if (isNode(value)) {
      const name = firstString(value, 'name', index)
      if (name) names.push(name)
    }
  }
  if (names.length === 0) return null
  // Several values are either one path split into steps or alternatives; a single one may carry
  // its own separators ("Home > Lighting").
  return normalizeCategory(names.length === 1 ? names[0]! : names.join(' > '))
}

/** Image URLs of a node: strings, arrays, or ImageObject with `url`/`contentUrl`. */
export function imagesOf(node: SchemaNode, context: SchemaContext): string[] {
  const urls: string[] = []
  for (const value of values(node, 'image', context.index)) {
    const candidates = isNode(value)
      ? [
          firstString(value, 'url', context.index) ??
            firstString(value, 'contentUrl', context.index)
        ]
      : [value]
    for (const candidate of candidates) {
      if (typeof candidate !== 'string') continue
      const url = resolveUrl(candidate, context.base)
      if (url && !urls.includes(url)) urls.push(url)
    }
  }
  return urls
}

function specsOf(node: SchemaNode, index?: SchemaIndex): Record<string, string> {
  const specs: Record<string, string> = {}
  for (const property of nodes(node, 'additionalProperty', index)) {
    const name = textValue(property, 'name', index)
    const value = textValue(property, 'value', index)
    if (!name || value == null) continue
    const unit = textValue(property, 'unitText', index)
    specs[name] = unit ? `${value} ${unit}` : value
  }
  return specs
}

function urlOf(node: SchemaNode, base: string, index?: SchemaIndex): string | null {
  const stated = firstString(node, 'url', index) ?? firstString(node, '@id', index)
  const url = resolveUrl(stated, base)
  if (url == null) return null
  const parsed = new URL(url)
  parsed.hash = ''
  return parsed.href
}

function applyOffers(fields: ProductFields, offers: SchemaNode[], index?: SchemaIndex): void {
  // An AggregateOffer may list its Offers; a list of Offers is read in page order.
  const flat: SchemaNode[] = []
  for (const offer of offers) {
    flat.push(offer)
    if (hasType(offer, OFFER_TYPES)) flat.push(...nodes(offer, 'offers', index))
  }
  for (const offer of flat) {
    const price = offerPrice(offer, index)
    if (price == null) continue
    fields.price = price.amount
    fields.currency = price.currency
    fields.availability = normalizeAvailability(firstString(offer, 'availability', index))
    break
  }
  for (const offer of flat) {
    fields.currency ??= currencyOf(firstString(offer, 'priceCurrency', index))
    fields.availability ??= normalizeAvailability(firstString(offer, 'availability', index))
    fields.sku ??= cleanText(firstString(offer, 'sku', index))
    fields.mpn ??= cleanText(firstString(offer, 'mpn', index))
    fields.gtin ??= gtinOf(offer, index)
  }
  // A price without an offer it belongs to would be a guess: leave the currency with no price out.
  if (fields.price == null) fields.currency = null
}

function offerPrice(
  offer: SchemaNode,
  index?: SchemaIndex
): { amount: number; currency: string | null } | null {
  const currency = currencyOf(firstString(offer, 'priceCurrency', index))
  for (const property of ['price', 'lowPrice']) {
    for (const value of values(offer, property, index)) {
      const amount = parseStructuredPrice(value)
      if (amount != null) return { amount, currency }
    }
  }
  for (const specification of nodes(offer, 'priceSpecification', index)) {
    const amount = parseStructuredPrice(values(specification, 'price', index)[0])
    if (amount != null) {
      return {
        amount,
        currency: currencyOf(firstString(specification, 'priceCurrency', index)) ?? currency
      }
    }
  }
  return null
}

function currencyOf(value: string | null): string | null {
  const code = value?.trim().toUpperCase()
  return code && /^[A-Z]{3}$/.test(code) ? code : null
}

/** Breadcrumb names of a `BreadcrumbList` node, in position order. */
export function breadcrumbFromSchemaNode(node: SchemaNode, index?: SchemaIndex): string[] {
  const items = nodes(node, 'itemListElement', index).map((element, order) => {
    const item = nodes(element, 'item', index)[0]
    const name =
      textValue(element, 'name', index) ?? (item ? textValue(item, 'name', index) : null) ?? null
    const position = Number(firstString(element, 'position', index))
    return { name, position: Number.isFinite(position) ? position : order, order }
  })
  items.sort((a, b) => a.position - b.position || a.order - b.order)
  return items.map((item) => item.name).filter((name): name is string => name != null)
}
