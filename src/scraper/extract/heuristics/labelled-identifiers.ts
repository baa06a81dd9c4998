import type { Cheerio, CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { collapseWhitespace } from '../html-text'
import { normalizeGtin } from '../normalize-gtin'
import { ancestorsOf, follows, isElement, pageElements } from '../page-elements'

/** Identifiers and the brand a page states next to a label ("SKU", "Model #", "Brand"). */
export interface Identifiers {
  sku?: string
  mpn?: string
  gtin?: string
  /** The brand the page names, as in `ExtractedProduct.statedBrand`. */
  statedBrand?: string
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
  ['statedBrand', /^(brand|brand name|marke|marque|marca)$/i]
]

const LABEL_START =
  /^(sku|asin|item|article|art\.|artikelnummer|product|mpn|model|part|manufacturer|mfr|mfg|gtin|ean|upc|barcode|isbn)\b/i

const IDENTIFIER = /^(?=[^\s]*\d)[A-Za-z0-9][\w.\-/]{1,40}$/

/** Identifiers and brand from label → value pairs, by label; the first pair per field wins. */
export function identifiersFromLabels(pairs: [string, string][]): Identifiers {
  const found: Identifiers = {}
  for (const [label, rawValue] of pairs) {
    const key = collapseWhitespace(label).replace(/\s*[:#]$/, (mark) =>
      mark.trim() === '#' ? mark : ''
    )
    const value = collapseWhitespace(rawValue)
    for (const [field, pattern] of LABELS) {
      if (found[field] !== undefined || !pattern.test(key)) continue
      if (field === 'statedBrand') {
        if (value.length > 0 && value.length <= 60) found.statedBrand = value
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
 * AF1RH332210TS"), nearest to `anchor` first. Identifiers only: the brand is read from label
 * pairs such as spec tables (`identifiersFromLabels`).
 */
export function labelledIdentifiers($: CheerioAPI, anchor: Cheerio<Element>): Identifiers {
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
    if (
      !LABELS.some(([field, labelPattern]) => field !== 'statedBrand' && labelPattern.test(label))
    ) {
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
