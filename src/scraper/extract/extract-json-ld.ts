import type { CheerioAPI } from 'cheerio'
import { pageElements } from './page-elements'
import {
  PRODUCT_TYPES,
  breadcrumbFromSchemaNode,
  productFromSchemaNode
} from './product-from-schema'
import {
  asArray,
  hasType,
  indexNodes,
  isNode,
  nodes,
  type SchemaIndex,
  type SchemaNode
} from './schema-node'
import type { StructuredData } from './structured-data'

const LIST_TYPES: ReadonlySet<string> = new Set(['ItemList', 'OfferCatalog'])
const BREADCRUMB_TYPES: ReadonlySet<string> = new Set(['BreadcrumbList'])

/**
 * Products and breadcrumbs in the page's `<script type="application/ld+json">` blocks. Reads
 * single nodes, arrays, `@graph`, and the `mainEntity` of a `WebPage`; follows `@id` references
 * within a block. A block that cannot be parsed even after `parseJsonLd`'s repairs is skipped.
 */
export function extractJsonLd($: CheerioAPI, url: string): StructuredData {
  const data: StructuredData = { products: [], itemList: false, breadcrumb: [] }
  for (const element of pageElements($).named('script')) {
    const type = (element.attribs.type ?? '').toLowerCase().split(';')[0]!.trim()
    if (type !== 'application/ld+json') continue
    const parsed = parseJsonLd($.text([element]))
    if (parsed === undefined) continue
    const index = indexNodes([parsed])
    for (const node of topLevelNodes(parsed, index)) {
      if (hasType(node, PRODUCT_TYPES)) {
        data.products.push(productFromSchemaNode(node, { base: url, index }))
      } else if (hasType(node, LIST_TYPES)) {
        if (listsProducts(node)) data.itemList = true
      } else if (hasType(node, BREADCRUMB_TYPES)) {
        if (data.breadcrumb.length === 0) data.breadcrumb = breadcrumbFromSchemaNode(node, index)
      }
    }
  }
  return data
}

/**
 * The nodes a block puts at the top: the block itself, the items of an array, the members of an
 * `@graph`, and what a page declares as its `mainEntity` (or its `breadcrumb`). Nested nodes such
 * as `isRelatedTo` products are not top-level: they are not what the page is about.
 */
function topLevelNodes(parsed: unknown, index: SchemaIndex): SchemaNode[] {
  const found: SchemaNode[] = []
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4) return
    for (const entry of asArray(value)) {
      if (Array.isArray(entry)) {
        visit(entry, depth + 1)
        continue
      }
      if (!isNode(entry)) continue
      // `"mainEntity": { "@id": "#product" }` names a node defined elsewhere in the block.
      const id = entry['@id']
      const item = typeof id === 'string' && Object.keys(entry).length === 1 ? index.get(id) : entry
      if (!item || found.includes(item)) continue
      found.push(item)
      if (item['@graph'] !== undefined) visit(item['@graph'], depth + 1)
      for (const property of ['mainEntity', 'breadcrumb']) {
        const entity = item[property]
        if (entity !== undefined) visit(entity, depth + 1)
      }
    }
  }
  visit(parsed, 0)
  return found
}

function listsProducts(list: SchemaNode): boolean {
  const elements = nodes(list, 'itemListElement')
  // Google's summary lists carry only a URL per ListItem; either kind means "many products".
  return elements.some(
    (element) =>
      hasType(element, PRODUCT_TYPES) ||
      nodes(element, 'item').some((item) => hasType(item, PRODUCT_TYPES)) ||
      typeof element.url === 'string'
  )
}

/**
 * Parse a JSON-LD block as shops write it: wrapped in `<!-- -->` or CDATA, HTML-escaped, with raw
 * control characters or invalid escapes inside strings, trailing commas, or several objects in a
 * row. Returns undefined when it still cannot be read.
 */
export function parseJsonLd(text: string): unknown {
  let source = text
    .trim()
    .replace(/^<!--|-->$/g, '')
    .replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '')
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .trim()
    .replace(/;+$/, '')
  if (source === '') return undefined
  // Some templates HTML-escape the whole block: `{&quot;@type&quot;: ...}`.
  if (/&(quot|#34|#x22);/i.test(source) && !/^[[{]\s*"/.test(source)) {
    source = decodeBasicEntities(source)
  }
  const attempts: (() => string)[] = [
    () => source,
    () => repairJson(source),
    () => `[${repairJson(source).replace(/\}\s*\{/g, '},{')}]`
  ]
  for (const attempt of attempts) {
    try {
      return JSON.parse(attempt())
    } catch {
      // Try the next repair.
    }
  }
  return undefined
}

/** Fix what makes hand-written JSON invalid, outside and inside strings, in one pass. */
function repairJson(source: string): string {
  let out = ''
  let inString = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!
    if (inString) {
      if (char === '\\') {
        const next = source[i + 1] ?? ''
        if (/["\\/bfnrtu]/.test(next)) {
          out += char + next
        } else if (next === "'") {
          out += "'"
        } else {
          // A lone backslash ("C:\path", "5\ wide") is data, not an escape.
          out += '\\\\' + next
        }
        i++
        continue
      }
      if (char === '"') inString = false
      const code = char.charCodeAt(0)
      if (code < 0x20) {
        out += code === 0x0a ? '\\n' : code === 0x09 ? '\\t' : ' '
        continue
      }
      out += char
      continue
    }
    if (char === '"') inString = true
    if (char === ',') {
      let next = i + 1
      while (next < source.length && /\s/.test(source[next]!)) next++
      // A trailing comma before a closing bracket.
      if (source[next] === '}' || source[next] === ']') continue
    }
    out += char
  }
  return out
}

function decodeBasicEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" }
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1))
      return Number.isFinite(code) ? String.fromCodePoint(code) : entity
    }
    return named[body.toLowerCase()] ?? entity
  })
}
