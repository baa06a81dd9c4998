import type { Cheerio, CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { textOf } from './html-text'
import { ancestorsOf, hasAttribute, pageElements } from './page-elements'
import { resolveUrl } from './resolve-url'
import {
  PRODUCT_TYPES,
  breadcrumbFromSchemaNode,
  productFromSchemaNode
} from './product-from-schema'
import { bareName, hasType, nodes, type SchemaNode } from './schema-node'
import type { StructuredData } from './structured-data'

/** How an HTML-attribute syntax marks items and their properties (microdata or RDFa). */
export interface ItemSyntax {
  /** Attribute of the elements that start an item (`itemscope`, `typeof`). */
  itemAttribute: string
  /** True if the element starts an item. */
  isItem: (element: Cheerio<Element>) => boolean
  /** Property names the element declares (bare schema.org names), empty if none. */
  propertyNames: (element: Cheerio<Element>) => string[]
  /** The item's types as bare names. */
  types: (element: Cheerio<Element>) => string[]
  /** Extra elements whose properties belong to the item (microdata's `itemref`). */
  referenced?: (element: Cheerio<Element>) => Cheerio<Element>
}

const URL_VALUE_TAGS: Record<string, string> = {
  a: 'href',
  area: 'href',
  link: 'href',
  audio: 'src',
  embed: 'src',
  iframe: 'src',
  img: 'src',
  source: 'src',
  track: 'src',
  video: 'src',
  object: 'data'
}

/**
 * Value of a property element, per the microdata rules that RDFa shares in practice: `content`
 * wins (shops put it on any element, not only `<meta>`), then the URL attribute of link and media
 * elements (resolved against `base`), `value` of `<data>`/`<meter>`, `datetime` of `<time>`, and
 * otherwise the element's visible text.
 */
export function propertyValue(element: Cheerio<Element>, base: string): string {
  const content = element.attr('content')
  if (content !== undefined) return content
  const tag = (element.prop('tagName') ?? '').toLowerCase()
  const urlAttribute = URL_VALUE_TAGS[tag]
  if (urlAttribute) {
    // Lazy-loading shops leave `src` as a placeholder and put the image in `data-src`.
    const raw =
      tag === 'img'
        ? (element.attr('data-src') ?? element.attr('src'))
        : (element.attr(urlAttribute) ?? element.attr('resource'))
    return resolveUrl(raw, base) ?? raw ?? ''
  }
  if (tag === 'data' || tag === 'meter') return element.attr('value') ?? textOf(element)
  if (tag === 'time') return element.attr('datetime') ?? textOf(element)
  return textOf(element)
}

/** Read an item and its properties into a schema.org node, nested items included. */
export function readItem(
  $: CheerioAPI,
  element: Cheerio<Element>,
  syntax: ItemSyntax,
  base: string,
  depth = 0
): SchemaNode {
  const node: SchemaNode = { '@type': syntax.types(element) }
  if (depth > 8) return node
  const roots = [
    element,
    ...(syntax
      .referenced?.(element)
      .toArray()
      .map((e) => $(e)) ?? [])
  ]
  const visit = (parent: Cheerio<Element>): void => {
    parent.children().each((_, child) => {
      const $child = $(child)
      const names = syntax.propertyNames($child)
      const item = syntax.isItem($child)
      if (names.length > 0) {
        const value = item
          ? readItem($, $child, syntax, base, depth + 1)
          : propertyValue($child, base)
        for (const name of names) {
          const list = (node[name] ??= []) as unknown[]
          list.push(value)
        }
      }
      // A nested item owns what is inside it.
      if (!item) visit($child)
    })
  }
  // The item element's own property attribute names it within its parent, so only descendants
  // (and referenced elements) hold its properties.
  for (const root of roots) visit(root)
  return node
}

/**
 * Products, product lists and breadcrumbs marked up with an attribute syntax. Top-level items
 * are those not a property of another item; a `WebPage`'s `mainEntity` counts as top-level.
 */
export function extractItems($: CheerioAPI, url: string, syntax: ItemSyntax): StructuredData {
  const data: StructuredData = { products: [], itemList: false, breadcrumb: [] }
  for (const element of pageElements($).all) {
    if (!hasAttribute(element, syntax.itemAttribute)) continue
    const $element = $(element)
    if (!syntax.isItem($element)) continue
    const isProperty =
      syntax.propertyNames($element).length > 0 &&
      ancestorsOf(element).some(
        (ancestor) => hasAttribute(ancestor, syntax.itemAttribute) && syntax.isItem($(ancestor))
      )
    if (isProperty) continue
    const node = readItem($, $element, syntax, url)
    const candidates = [node, ...nodes(node, 'mainEntity')]
    for (const candidate of candidates) {
      if (hasType(candidate, PRODUCT_TYPES)) {
        data.products.push(productFromSchemaNode(candidate, { base: url }))
      } else if (hasType(candidate, LIST_TYPES)) {
        if (nodes(candidate, 'itemListElement').length > 0) data.itemList = true
      } else if (hasType(candidate, BREADCRUMB_TYPES) && data.breadcrumb.length === 0) {
        data.breadcrumb = breadcrumbFromSchemaNode(candidate)
      }
    }
  }
  return data
}

const LIST_TYPES: ReadonlySet<string> = new Set(['ItemList', 'OfferCatalog'])
const BREADCRUMB_TYPES: ReadonlySet<string> = new Set(['BreadcrumbList'])

/** Bare schema.org names from a whitespace-separated attribute (types or properties). */
export function schemaNames(attribute: string | undefined): string[] {
  if (!attribute) return []
  return attribute
    .split(/\s+/)
    .filter((name) => name !== '')
    .filter((name) => !/^[a-z][\w-]*:(?!\/\/)/i.test(name) || /^schema:/i.test(name))
    .map((name) => bareName(name).replace(/^.*[/#]/, ''))
}
