import type { CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { textOf } from './html-text'
import {
  ancestorsOf,
  hasAttribute,
  isElement,
  pageElements,
  type PageElements
} from './page-elements'
import { resolveUrl } from './resolve-url'
import {
  PRODUCT_TYPES,
  breadcrumbFromSchemaNode,
  productFromSchemaNode
} from './product-from-schema'
import { bareName, hasType, nodes, type SchemaNode } from './schema-node'
import type { StructuredData } from './structured-data'

/**
 * How an HTML-attribute syntax marks items and their properties (microdata or RDFa). Read on the
 * parsed elements themselves: a cheerio wrapper per element was most of this reader's cost on
 * pages with hundreds of marked-up items.
 */
export interface ItemSyntax {
  /** Attribute of the elements that start an item (`itemscope`, `typeof`). */
  itemAttribute: string
  /** True if the element starts an item. */
  isItem: (element: Element) => boolean
  /** Property names the element declares (bare schema.org names), empty if none. */
  propertyNames: (element: Element) => string[]
  /** The item's types as bare names. */
  types: (element: Element) => string[]
  /** Extra elements whose properties belong to the item (microdata's `itemref`). */
  referenced?: (element: Element, page: PageElements) => Element[]
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
export function propertyValue(element: Element, base: string): string {
  const { attribs } = element
  const content = attribs.content
  if (content !== undefined) return content
  const tag = element.name.toLowerCase()
  const urlAttribute = URL_VALUE_TAGS[tag]
  if (urlAttribute) {
    // Lazy-loading shops leave `src` as a placeholder and put the image in `data-src`.
    const raw =
      tag === 'img'
        ? (attribs['data-src'] ?? attribs.src)
        : (attribs[urlAttribute] ?? attribs.resource)
    return resolveUrl(raw, base) ?? raw ?? ''
  }
  if (tag === 'data' || tag === 'meter') return attribs.value ?? textOf([element])
  if (tag === 'time') return attribs.datetime ?? textOf([element])
  return textOf([element])
}

/** Read an item and its properties into a schema.org node, nested items included. */
export function readItem(
  page: PageElements,
  element: Element,
  syntax: ItemSyntax,
  base: string,
  depth = 0
): SchemaNode {
  const node: SchemaNode = { '@type': syntax.types(element) }
  if (depth > 8) return node
  const roots = [element, ...(syntax.referenced?.(element, page) ?? [])]
  const visit = (parent: Element): void => {
    for (const child of parent.children) {
      if (!isElement(child)) continue
      const names = syntax.propertyNames(child)
      const item = syntax.isItem(child)
      if (names.length > 0) {
        const value = item
          ? readItem(page, child, syntax, base, depth + 1)
          : propertyValue(child, base)
        for (const name of names) {
          const list = (node[name] ??= []) as unknown[]
          list.push(value)
        }
      }
      // A nested item owns what is inside it.
      if (!item) visit(child)
    }
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
  const page = pageElements($)
  for (const element of page.all) {
    if (!hasAttribute(element, syntax.itemAttribute)) continue
    if (!syntax.isItem(element)) continue
    const isProperty =
      syntax.propertyNames(element).length > 0 &&
      ancestorsOf(element).some(
        (ancestor) => hasAttribute(ancestor, syntax.itemAttribute) && syntax.isItem(ancestor)
      )
    if (isProperty) continue
    const node = readItem(page, element, syntax, url)
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
