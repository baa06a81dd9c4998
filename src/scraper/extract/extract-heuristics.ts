import type { Cheerio, CheerioAPI } from 'cheerio'
import type { AnyNode, Element } from 'domhandler'
import { cleanText, collapseWhitespace, shortTextOf, textOf } from './html-text'
import { normalizeGtin } from './normalize-gtin'
import {
  ancestorsOf,
  hasAttribute,
  hasDescendantNamed,
  isElement,
  pageElements,
  type PageElements
} from './page-elements'
import { parsePrice, type ParsedPrice } from './parse-price'
import type { ProductFields } from './product-fields'
import { resolveUrl } from './resolve-url'

/** What the visible page says when its markup says too little. */
export interface HeuristicData {
  /** Name from the main heading, visible price near it, specs, identifiers from labels. */
  fields: ProductFields
  /** True if a main heading was found. */
  hasHeading: boolean
  /** True if a price is shown near the main heading. */
  hasVisiblePrice: boolean
  /** Steps of the visible breadcrumb, most general first; empty if none. */
  breadcrumb: string[]
}

// Page chrome: a heading or price in here is not the product's. A `<header>` counts only as the
// site's banner (with navigation or a search form): shops also wrap the product's h1 in one. As a
// selector: `header:has(nav), header:has(form), [role="banner"], footer, nav, aside, dialog,
// [role="dialog"], [aria-modal="true"], [hidden]`, tested in code to spare a CSS engine pass.
const CHROME_TAGS: ReadonlySet<string> = new Set(['footer', 'nav', 'aside', 'dialog'])
const BANNER_CONTENT: ReadonlySet<string> = new Set(['nav', 'form'])
const CHROME_ROLES: ReadonlySet<string> = new Set(['banner', 'dialog'])
const STRUCK_TAGS: ReadonlySet<string> = new Set(['s', 'del', 'strike'])
const TABLE: ReadonlySet<string> = new Set(['table'])
const HIDDEN_CLASS = /(^|[\s_-])(hidden|invisible|sr-only|visually-hidden)($|[\s_-])/i
// Words in an id or class that mark a price the buyer does not pay now: a former or list price, a
// saving, a per-unit, shipping or monthly amount, a cart total.
const NOT_THE_PRICE = new Set(
  (
    'was old list regular compare comparison strike strikethrough crossed original before msrp ' +
    'rrp retail suggested save saving savings discount unit per ppu shipping delivery total ' +
    'subtotal tooltip tip badge installment instalment monthly finance financing credit points ' +
    'advice reference'
  ).split(' ')
)
const PRICE_LABEL = /^(price|our price|sale|sale price|now|only|preis|prix|precio)\s*:?\s*/i
// "($6.24 / Pack)", "€2.10 per kg", "$30/mo": a unit or instalment price.
const PER_UNIT_TEXT = /\/\s*\p{L}|\bper\b|\bpro\b|\bmonth|\bmo\b/iu
const NOT_THE_PRICE_TEXT =
  /^(was|save|list|reg\.?|regular|before|compare|rrp|msrp|uvp|statt|antes|prix barré|instead of|you save|from)\b/i

/**
 * Product fields read from the rendered content, for pages whose structured data is missing or
 * wrong: the main `h1` as name, the price shown nearest to it (elements whose id or class says
 * "price", or `data-price`), spec tables and definition lists as specs, labelled identifiers
 * ("Item #: T9F432251", a "Brand" row), the breadcrumb, the meta description, and images whose
 * alt text is the product's name.
 *
 * The fields (and `hasHeading`, `hasVisiblePrice`, `breadcrumb`) are read-only getters, each
 * worked out on first read and then kept: the merge reads only what the page's markup left
 * empty, and most product pages leave little, so most of this work is never done.
 */
export function extractHeuristics($: CheerioAPI, url: string): HeuristicData {
  const heading = once(() => mainHeading($))
  const name = once(() => {
    const found = heading()
    return found ? textOf(found) : null
  })
  const price = once(() => {
    const found = heading()
    return found ? priceNear($, found) : null
  })
  const specs = once(() => specTables($))
  const fromSpecs = once(() => identifiersFromLabels(Object.entries(specs())))
  const fromText = once((): Identifiers => {
    const found = heading()
    return found ? labelledIdentifiers($, found) : {}
  })
  const identifier = (key: keyof Identifiers): string | null =>
    fromSpecs()[key] ?? fromText()[key] ?? null

  const images = once(() => headingImages($, url, name()))
  const breadcrumb = once(() => visibleBreadcrumb($))
  // Getters, not values: each field is worked out when the merge first reads it.
  const fields: ProductFields = {
    get name() {
      return name()
    },
    get brand() {
      return identifier('brand')
    },
    get sku() {
      return identifier('sku')
    },
    get mpn() {
      return identifier('mpn')
    },
    get gtin() {
      return identifier('gtin')
    },
    get price() {
      return price()?.amount ?? null
    },
    get currency() {
      return price()?.currency ?? null
    },
    availability: null,
    description: cleanText(metaDescription(pageElements($))?.attribs.content),
    category: null,
    get images() {
      return images()
    },
    get specs() {
      return specs()
    },
    url: null,
    raw: null
  }
  return {
    fields,
    get hasHeading() {
      return heading() != null
    },
    get hasVisiblePrice() {
      return price() != null
    },
    get breadcrumb() {
      return breadcrumb()
    }
  }
}

/** `compute`, run on the first call only. */
function once<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

/** `meta[name="description" i]`, the first. */
function metaDescription(page: PageElements): Element | undefined {
  return page
    .named('meta')
    .find((element) => equalsIgnoringCase(element.attribs.name, 'description'))
}

/** `[attribute="value" i]` as css-select tests it. */
function equalsIgnoringCase(attribute: string | undefined, value: string): boolean {
  return attribute != null && attribute.length === value.length && attribute.toLowerCase() === value
}

const chromeByPage = new WeakMap<PageElements, ReadonlySet<Element>>()

/** The page's chrome containers (see `CHROME_TAGS`), found once per page. */
function chromeOf(page: PageElements): ReadonlySet<Element> {
  let chrome = chromeByPage.get(page)
  if (!chrome) {
    chrome = new Set(
      page.all.filter((element) => {
        const { name, attribs } = element
        return (
          CHROME_TAGS.has(name) ||
          (attribs.role != null && CHROME_ROLES.has(attribs.role)) ||
          attribs['aria-modal'] === 'true' ||
          hasAttribute(element, 'hidden') ||
          (name === 'header' && hasDescendantNamed(element, BANNER_CONTENT))
        )
      })
    )
    chromeByPage.set(page, chrome)
  }
  return chrome
}

/**
 * A test "is this element inside (or one of) the page's chrome, or an element `extra` accepts".
 * Walks up the parents, as `closest` would, without a selector engine.
 */
function insideChrome(
  page: PageElements,
  extra: (element: Element) => boolean = () => false
): (element: AnyNode) => boolean {
  const chrome = chromeOf(page)
  return (element) => {
    for (let node: AnyNode | null = element; node; node = node.parent) {
      if (isElement(node) && (chrome.has(node) || extra(node))) return true
    }
    return false
  }
}

function isHidden(element: Element): boolean {
  return [element, ...ancestorsOf(element)].some(
    (node) =>
      HIDDEN_CLASS.test(node.attribs.class ?? '') ||
      /display\s*:\s*none|visibility\s*:\s*hidden/i.test(node.attribs.style ?? '')
  )
}

/**
 * The product's heading: among the `h1`s outside page chrome, the one that shares most words with
 * the document title and `og:title` (a cookie banner's `h1` shares none), the first on a tie.
 */
export function mainHeading($: CheerioAPI): Cheerio<Element> | null {
  const page = pageElements($)
  const title = page.named('title')[0]
  const ogTitle = page.named('meta').find((element) => element.attribs.property === 'og:title')
  const titles = [title ? $(title).text() : '', ogTitle?.attribs.content ?? '']
  const titleWords = new Set(titles.flatMap(words))
  const inChrome = insideChrome(page)
  let best: Element | null = null
  let bestScore = -1
  for (const element of page.named('h1')) {
    if (inChrome(element)) continue
    const text = textOf([element])
    if (text === '' || text.length > 300) continue
    const own = words(text)
    const shared = own.filter((word) => titleWords.has(word)).length
    // Share of the heading's words found in the title; more shared words break a tie, so that a
    // heading naming just the site ("Shop") loses to the product's.
    const score = own.length === 0 ? 0 : shared / own.length + shared / 1000
    if (score > bestScore) {
      best = element
      bestScore = score
    }
  }
  return best ? $(best) : null
}

function words(text: string): string[] {
  return collapseWhitespace(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1)
}

interface PriceCandidate {
  element: Element
  price: ParsedPrice
}

/**
 * The price shown nearest to `anchor`: walking up from it, the first ancestor that holds a price
 * element decides, and within it the first price after the anchor (else the first). A price
 * element is one whose id or class mentions "price" (or that has `data-price`), showing one
 * amount with a currency, outside page chrome, and not a former, list, unit or shipping price.
 * When that ancestor holds three or more different amounts, the price is not told: null.
 */
export function priceNear($: CheerioAPI, anchor: Cheerio<Element>): ParsedPrice | null {
  const candidates = priceCandidates(pageElements($))
  if (candidates.length === 0) return null
  const anchorNode = anchor.get(0)!
  // Candidates come in document order.
  const ordered = candidates
  for (const ancestor of ancestorsOf(anchorNode)) {
    const inside = ordered.filter((candidate) => $.contains(ancestor, candidate.element))
    if (inside.length === 0) continue
    // Many different prices at once is a grid of other products (a listing, recommendations),
    // not the price of this one.
    if (new Set(inside.map((candidate) => candidate.price.amount)).size >= 3) return null
    const after = inside.find((candidate) => follows(anchorNode, candidate.element))
    return (after ?? inside[0]!).price
  }
  return null
}

function priceCandidates(page: PageElements): PriceCandidate[] {
  const found: PriceCandidate[] = []
  const struck = insideChrome(page, (element) => STRUCK_TAGS.has(element.name))
  // `[data-price], [id*="price" i], [class*="price" i]`
  for (const element of page.all) {
    if (!hasAttribute(element, 'data-price') && !mentionsPrice(element)) continue
    const tag = element.tagName.toLowerCase()
    if (['script', 'style', 'input', 'meta', 'link', 'option', 'select'].includes(tag)) continue
    // Cheap tests first: most matches are layout wrappers around far more than a price.
    const text = shortTextOf([element], 200) ?? ''
    const dataPrice = element.attribs['data-price']
    const price =
      text.length > 0 &&
      text.length <= 40 &&
      !NOT_THE_PRICE_TEXT.test(text) &&
      !PER_UNIT_TEXT.test(text)
        ? singlePrice(text.replace(PRICE_LABEL, ''))
        : dataPrice && /^\s*\d+([.,]\d+)?\s*$/.test(dataPrice)
          ? parsePrice(dataPrice)
          : null
    if (price == null || price.amount <= 0) continue
    if (struck(element)) continue
    const markers = [element, ...ancestorsOf(element).slice(0, 4)]
    if (markers.some((node) => marks(node).some((word) => NOT_THE_PRICE.has(word)))) continue
    if (isHidden(element)) continue
    found.push({ element, price })
  }
  return found
}

/** `[id*="price" i], [class*="price" i]` */
function mentionsPrice(element: Element): boolean {
  const { id, class: className } = element.attribs
  return (id != null && /price/i.test(id)) || (className != null && /price/i.test(className))
}

function marks(node: Element): string[] {
  // Whole words of the class and id, camelCase split: "a-text-strike" and "SuggestedRetailPrice"
  // mark former prices, "font-bold" is no "old".
  return `${node.attribs.id ?? ''} ${node.attribs.class ?? ''}`
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
}

/** A price alone in its text: one amount, next to a currency; "$111.99$141.99" is two. */
function singlePrice(text: string): ParsedPrice | null {
  const amounts = text.match(/\d+(?:[.,'\s]\d+)*/g) ?? []
  if (amounts.length !== 1) return null
  const price = parsePrice(text)
  return price?.currency ? price : null
}

function follows(anchor: AnyNode, node: AnyNode): boolean {
  const path = (start: AnyNode): AnyNode[] => {
    const chain: AnyNode[] = []
    for (let current: AnyNode | null = start; current; current = current.parent)
      chain.unshift(current)
    return chain
  }
  const a = path(anchor)
  const b = path(node)
  let depth = 0
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth++
  if (depth === b.length) return false
  if (depth === a.length) return true
  const parent = a[depth - 1]
  if (!parent || !('children' in parent)) return false
  const siblings = parent.children as AnyNode[]
  return siblings.indexOf(b[depth]!) > siblings.indexOf(a[depth]!)
}

/**
 * Specifications from two-column tables (`th`/`td` or `td`/`td` rows) and definition lists, in
 * page order, outside page chrome and price blocks. Labels lose a trailing colon.
 */
export function specTables($: CheerioAPI): Record<string, string> {
  const specs: Record<string, string> = {}
  const add = (label: string, value: string): void => {
    const key = collapseWhitespace(label).replace(/\s*:$/, '')
    const text = collapseWhitespace(value)
    if (key === '' || text === '' || key.length > 80 || text.length > 500) return
    if (!(key in specs)) specs[key] = text
  }
  const page = pageElements($)
  const excluded = insideChrome(
    page,
    (element) => element.name === 'form' || mentionsPrice(element)
  )
  for (const element of page.all) {
    const tag = element.name
    if (tag !== 'tr' && tag !== 'dl') continue
    if (excluded(element)) continue
    if (tag === 'tr') {
      const cells = element.children.filter(
        (child): child is Element =>
          isElement(child) && (child.name === 'th' || child.name === 'td')
      )
      if (cells.length !== 2) continue
      // A nested table would repeat its rows in this cell's text.
      if (cells.some((cell) => hasDescendantNamed(cell, TABLE))) continue
      add(textOf([cells[0]!]), textOf([cells[1]!]))
      continue
    }
    for (const term of element.children) {
      if (!isElement(term) || term.name !== 'dt') continue
      const definition = nextElementNamed(term, 'dd')
      if (definition) add(textOf([term]), textOf([definition]))
    }
  }
  return specs
}

/** The first following sibling element named so: `$(node).nextAll(name).first()`. */
function nextElementNamed(node: Element, name: string): Element | null {
  for (let next = node.next; next; next = next.next) {
    if (isElement(next) && next.name === name) return next
  }
  return null
}

interface Identifiers {
  sku?: string
  mpn?: string
  gtin?: string
  brand?: string
}

const LABELS: [keyof Identifiers, RegExp][] = [
  [
    'sku',
    /^(sku|asin|item|item\s*(#|no\.?|number|code)|article\s*(#|no\.?|number)|art\.?\s*-?\s*nr\.?|artikelnummer|product\s*(code|#|no\.?|number))$/i
  ],
  [
    'mpn',
    /^(mpn|model|model\s*(#|no\.?|number)|item model number|part\s*(#|no\.?|number)|manufacturer part number|mfr\.?\s*(part\s*)?(#|no\.?|number)?|mfg\.?\s*#)$/i
  ],
  ['gtin', /^(gtin(-?1[234]|-?8)?|ean(-?13)?|upc|barcode|isbn(-?1[03])?)$/i],
  ['brand', /^(brand|brand name|marke|marque|marca)$/i]
]

const LABEL_START =
  /^(sku|asin|item|article|art\.|artikelnummer|product|mpn|model|part|manufacturer|mfr|mfg|gtin|ean|upc|barcode|isbn)\b/i

const IDENTIFIER = /^(?=[^\s]*\d)[A-Za-z0-9][\w.\-/]{1,40}$/

/** Identifiers and brand from label → value pairs, by label. */
export function identifiersFromLabels(pairs: [string, string][]): Identifiers {
  const found: Identifiers = {}
  for (const [label, rawValue] of pairs) {
    const key = collapseWhitespace(label).replace(/\s*[:#]$/, (mark) =>
      mark.trim() === '#' ? mark : ''
    )
    const value = collapseWhitespace(rawValue)
    for (const [field, pattern] of LABELS) {
      if (found[field] !== undefined || !pattern.test(key)) continue
      if (field === 'brand') {
        if (value.length > 0 && value.length <= 60) found.brand = value
      } else if (field === 'gtin') {
        const gtin = normalizeGtin(value)
        if (gtin) found.gtin = gtin
      } else if (IDENTIFIER.test(value)) {
        found[field] = value
      }
    }
  }
  return found
}

/**
 * Identifiers written as "Label: value" in one short element ("Item #: T9F432251", "Model
 * AF1RH332210TS"), nearest to `anchor` first.
 */
function labelledIdentifiers($: CheerioAPI, anchor: Cheerio<Element>): Identifiers {
  const pairs: { element: Element; pair: [string, string] }[] = []
  const pattern =
    /^([A-Za-z][A-Za-z.\s]{1,30}?)\s*([:#]|no\.|nr\.)?\s*[:#]?\s+([A-Za-z0-9][\w.\-/]{1,40})$/i
  for (const element of pageElements($).all) {
    const tag = element.tagName.toLowerCase()
    if (['script', 'style', 'noscript', 'option', 'select', 'template'].includes(tag)) continue
    // The label is the element's own text; checking it first keeps this pass linear.
    let own = ''
    let elementChildren = 0
    for (const child of element.children) {
      if (child.type === 'text') own += child.data
      else if (isElement(child)) elementChildren++
    }
    if (!LABEL_START.test(own.trim()) || elementChildren > 3) continue
    // `body *`: inside the body, through elements only.
    if (!insideBody(element)) continue
    const text = collapseWhitespace($(element).text())
    if (text.length < 4 || text.length > 60) continue
    const match = pattern.exec(text)
    if (!match) continue
    const label = `${match[1]!.trim()}${match[2] && match[2] !== ':' ? ` ${match[2]}` : ''}`
    if (!LABELS.some(([field, labelPattern]) => field !== 'brand' && labelPattern.test(label))) {
      continue
    }
    pairs.push({ element, pair: [label, match[3]!] })
  }
  // Nearest to the heading first, so that an identifier of a recommended item loses.
  const anchorNode = anchor.get(0)!
  const ancestors = ancestorsOf(anchorNode)
  const distance = (element: Element): number => {
    const level = ancestors.findIndex((ancestor) => $.contains(ancestor, element))
    return level < 0 ? Infinity : level * 2 + (follows(anchorNode, element) ? 0 : 1)
  }
  const sorted = pairs
    .map((entry, order) => ({ ...entry, order, distance: distance(entry.element) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
  return identifiersFromLabels(sorted.map((entry) => entry.pair))
}

function insideBody(element: Element): boolean {
  for (let node = element.parent; node && isElement(node); node = node.parent) {
    if (node.name === 'body') return true
  }
  return false
}

/**
 * Steps of the visible breadcrumb: the first `nav[aria-label=breadcrumb]`, or element whose class
 * or id says "breadcrumb", read from its list items (or links), outside hidden parts.
 */
export function visibleBreadcrumb($: CheerioAPI): string[] {
  // `[aria-label*="breadcrumb" i], [class*="breadcrumb" i], [id*="breadcrumb" i]`
  const containers = pageElements($).all.filter((element) =>
    ['aria-label', 'class', 'id'].some((name) => {
      const value = element.attribs[name]
      return value != null && /breadcrumb/i.test(value)
    })
  )
  for (const container of containers) {
    const $container = $(container)
    const items = $container.find('li').filter((_, li) => $(li).find('li').length === 0)
    const steps = (items.length > 0 ? items : $container.find('a'))
      .toArray()
      .map((element) => textOf($(element)).replace(/^[\s/>›»|•·]+|[\s/>›»|•·]+$/g, ''))
      .filter((step) => step !== '' && step.length <= 80)
    if (steps.length > 0) return steps
  }
  return []
}

/**
 * Images the page shows for the product: `<img>`s whose alt text is the product name (largest
 * variant from `data-old-hires`, `data-zoom-image`, `data-large-image`, else `data-src`, `src`),
 * then `link[rel=image_src]` and `twitter:image`.
 */
function headingImages($: CheerioAPI, url: string, name: string | null): string[] {
  const images: string[] = []
  const thumbnails: string[] = []
  const add = (href: string | undefined, list = images): void => {
    const image = resolveUrl(href, url)
    if (image && !images.includes(image) && !thumbnails.includes(image)) list.push(image)
  }
  const page = pageElements($)
  if (name) {
    const wanted = collapseWhitespace(name).toLowerCase()
    const inChrome = insideChrome(page)
    for (const element of page.named('img')) {
      const { attribs } = element
      if (!hasAttribute(element, 'alt') || inChrome(element)) continue
      if (collapseWhitespace(attribs.alt ?? '').toLowerCase() !== wanted) continue
      // A declared size under 200px is a thumbnail (a carousel, "bought together"): best last.
      const size = Math.max(
        parseInt(attribs.width ?? '', 10) || 0,
        parseInt(attribs.height ?? '', 10) || 0
      )
      add(
        attribs['data-old-hires'] ||
          attribs['data-zoom-image'] ||
          attribs['data-large-image'] ||
          attribs['data-src'] ||
          attribs.src,
        size > 0 && size < 200 ? thumbnails : images
      )
    }
  }
  const imageLink = page
    .named('link')
    .find((element) => equalsIgnoringCase(element.attribs.rel, 'image_src'))
  add(imageLink?.attribs.href)
  const twitterImage = page.named('meta').find((element) => {
    const { name: tagName, property } = element.attribs
    return (
      tagName === 'twitter:image' || tagName === 'twitter:image:src' || property === 'twitter:image'
    )
  })
  add(twitterImage?.attribs.content)
  return [...images, ...thumbnails]
}
