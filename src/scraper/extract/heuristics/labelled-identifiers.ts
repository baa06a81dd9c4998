import type { Cheerio, CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import { collapseWhitespace, shortTextOf } from '../html-text'
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

// "#", "No.", "Nr.", "number" after a label word: "Item #", "Art.-Nr.", "Model number".
const SUFFIX = String.raw`(\s*[-.]{0,2}\s*(#|no\.?|nr\.?|n[°º]|number|nummer|code|id))?`

// Label wordings by field, in the languages shops use. The shop's own reference ("Product code",
// "Réf.", "Código", "Šifra", "品番") is the SKU; the maker's model or part number the MPN; a
// barcode number the GTIN. Each with what may follow it ("#", "No.": `SUFFIX`).
const LABEL_WORDS: [keyof Identifiers, string, string][] = [
  [
    'sku',
    String.raw`(ebay )?item|sku|asin|article|art|artikel|artikelnummer|artikelnr|bestellnummer|best|` +
      String.raw`product|produkt|produktnummer|prod|code( produit)?|cod( produs)?|c[oó]digo( (do )?produto| del producto)?|` +
      String.raw`ref|r[ée]f|r[ée]f[ée]rence|referencia|refer[êe]ncia|riferimento|codice( articolo| prodotto)?|` +
      String.raw`šifra( proizvoda| artikla)?|sifra|kod( produktu| towaru)?|k[oó]d( produktu| tovaru)?|katalogové číslo|` +
      String.raw`numer katalogowy|varenummer|varenr|artikelnr|tuotenumero|produktnr|cikkszám|termékkód|` +
      String.raw`код( товара)?|артикул|cat|catalogue|catalog|style|品番|商品番号|商品コード|商品編號|商品编号|` +
      String.raw`货号|貨號|상품번호|상품코드`,
    SUFFIX
  ],
  [
    'mpn',
    String.raw`mpn|model|modelo|modèle|modell|modello|typ|item model|part|manufacturer part|mfr( part)?|mfg|` +
      String.raw`型番|型號|型号|모델명`,
    SUFFIX
  ],
  [
    'gtin',
    String.raw`gtin(-?1[234]|-?8)?|ean(-?13)?( code)?|upc|barcode|isbn(-?1[03])?|jan( code)?`,
    ''
  ],
  ['statedBrand', 'brand|brand name|marke|marque|marca|merk|märke|marka|ブランド|品牌|브랜드', '']
]

const LABELS: [keyof Identifiers, RegExp][] = LABEL_WORDS.map(([field, words, suffix]) => [
  field,
  new RegExp(`^(${words})${suffix}$`, 'iu')
])

// Every label starts with one of the words: a text that does not is no label, nor "Label: value".
// One test instead of up to three label lookups, on each short text of the page.
const LABEL_START = new RegExp(`^(${LABEL_WORDS.map(([, words]) => words).join('|')})`, 'iu')

// An identifier: one token of letters, digits and . - / _ with at least one digit.
const IDENTIFIER = /^(?=\S*\d)[\p{L}\p{N}][\p{L}\p{N}_.\-/]{1,40}$/u

/** The field a label names ("Art.-Nr.:" → sku, "Model #" → mpn), or null for any other label. */
export function identifierField(label: string): keyof Identifiers | null {
  return fieldOfLabel(collapseWhitespace(label))
}

/** `identifierField` of a label whose whitespace is already collapsed. */
function fieldOfLabel(collapsed: string): keyof Identifiers | null {
  const key = collapsed
    .replace(/[:：]\s*$/, '')
    .replace(/\.$/, '')
    .trim()
  if (key.length === 0 || key.length > 40) return null
  for (const [field, pattern] of LABELS) if (pattern.test(key)) return field
  return null
}

/** Identifiers and brand from label → value pairs, by label; the first pair per field wins. */
export function identifiersFromLabels(pairs: [string, string][]): Identifiers {
  const found: Identifiers = {}
  for (const [label, rawValue] of pairs) {
    const field = identifierField(label)
    if (field == null || found[field] !== undefined) continue
    const value = collapseWhitespace(rawValue)
    if (field === 'statedBrand') {
      if (value.length > 0 && value.length <= 60) found.statedBrand = value
    } else if (field === 'gtin') {
      const gtin = normalizeGtin(value)
      if (gtin) found.gtin = gtin
    } else if (IDENTIFIER.test(value)) {
      found[field] = value
    }
  }
  return found
}

// Any character that is not whitespace.
const NOT_BLANK = /\S/

const SKIPPED: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'option',
  'select',
  'template',
  'title',
  'head'
])

/**
 * Identifiers shown as "Label: value" ("Item #: T9F432251", "Cod produs: DR2401", "Model
 * AF1RH332210TS"), or as a label element followed by its value (`<strong>Šifra:</strong> 0638`,
 * `<dt>SKU</dt><dd>…</dd>`), nearest to `anchor` first. Identifiers only: the brand is read from
 * label pairs such as spec tables (`identifiersFromLabels`).
 */
export function labelledIdentifiers($: CheerioAPI, anchor: Cheerio<Element>): Identifiers {
  const pairs: { element: Element; pair: [string, string] }[] = []
  for (const element of pageElements($).all) {
    if (SKIPPED.has(element.name)) continue
    // The element's own text: checking it first keeps this pass linear.
    // Joined only when there are several (a lone text is most elements' case).
    let raw = ''
    for (const child of element.children) {
      if (child.type === 'text') raw = raw === '' ? child.data : raw + child.data
    }
    // Most elements hold no text of their own, or only the indentation between their children:
    // collapsing would leave less than a label.
    if (raw.length < 2 || !NOT_BLANK.test(raw)) continue
    const own = collapseWhitespace(raw)
    if (own.length < 2 || own.length > 60 || !LABEL_START.test(own)) continue
    const pair = labelAndValue(element, own)
    if (pair && fieldOfLabel(pair[0].trim()) !== 'statedBrand' && insideBody(element)) {
      pairs.push({ element, pair })
    }
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

/** [label, value] read at `element` whose own text is `own` (whitespace collapsed), or null. */
function labelAndValue(element: Element, own: string): [string, string] | null {
  // "Label: value" or "Label value" in the element's own text. Its parts are collapsed already.
  const colon = own.search(/[:：]/)
  if (colon > 0 && colon < own.length - 1) {
    const label = own.slice(0, colon)
    if (fieldOfLabel(label.trim())) return [label, own.slice(colon + 1).trim()]
  }
  const space = own.lastIndexOf(' ')
  if (colon < 0 && space > 0 && fieldOfLabel(own.slice(0, space).trim())) {
    return [own.slice(0, space), own.slice(space + 1)]
  }
  if (!fieldOfLabel(own)) return null
  // The label alone: its value is the rest of the element ("Ref : <span>VE900</span>"), else
  // the next element ("<dt>SKU</dt><dd>AB-12</dd>"), else what follows in the parent.
  const whole = shortTextOf([element], 120)
  if (whole && whole.length > own.length) return [own, rest(whole, own)]
  let next = element.next
  while (next && !isElement(next) && !(next.type === 'text' && next.data.trim())) next = next.next
  if (next) {
    const text = next.type === 'text' ? next.data : shortTextOf([next], 120)
    if (text) return [own, collapseWhitespace(text)]
  }
  return null
}

function rest(whole: string, label: string): string {
  const at = whole.indexOf(label)
  return (at >= 0 ? whole.slice(at + label.length) : whole).replace(/^\s*[:：#]?\s*/, '').trim()
}

function insideBody(element: Element): boolean {
  for (let node = element.parent; node && isElement(node); node = node.parent) {
    if (node.name === 'body') return true
  }
  return false
}
