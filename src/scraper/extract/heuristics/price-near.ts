import type { Cheerio, CheerioAPI } from 'cheerio'
import type { AnyNode, Element } from 'domhandler'
import { shortTextOf } from '../html-text'
import { ancestorsOf, follows, isElement, pageElements, type PageElements } from '../page-elements'
import { parsePrice, type ParsedPrice } from '../parse-price'
import { insideChrome, isHidden } from './page-chrome'

const STRUCK_TAGS: ReadonlySet<string> = new Set(['s', 'del', 'strike'])
// Elements that show no price of their own, whatever their class says.
const NO_PRICE_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'input',
  'meta',
  'link',
  'option',
  'select'
])
// Words in an id or class that mark a price the buyer does not pay now: a former or list price, a
// saving, a per-unit, shipping or monthly amount, a cart total.
const NOT_THE_PRICE = new Set(
  (
    'was old list regular compare comparison strike strikethrough crossed original before msrp ' +
    'rrp retail suggested save saving savings discount unit per ppu shipping delivery total ' +
    'subtotal tooltip tip badge installment instalment monthly finance financing credit points ' +
    'advice reference barred'
  ).split(' ')
)
// A quick pre-test for the former-price words of NOT_THE_PRICE among an element's id and class.
const FORMER_HINT = /was|old|list|regular|compare|strike|crossed|original|before|rrp|barred/i
const PRICE_LABEL = /^(price|our price|sale|sale price|now|only|preis|prix|precio)\s*:?\s*/i
// "($6.24 / Pack)", "€2.10 per kg", "$30/mo": a unit or instalment price.
export const PER_UNIT_TEXT = /\/\s*\p{L}|\bper\b|\bpro\b|\bmonth|\bmo\b/iu
export const NOT_THE_PRICE_TEXT =
  /^(was|save|list|reg\.?|regular|before|compare|rrp|msrp|uvp|statt|antes|prix barré|instead of|you save|from)\b/i

interface PriceCandidate {
  element: Element
  price: ParsedPrice
  /** Struck through or marked as a former/list price: never the price, but told apart. */
  former: boolean
}

/** The price shown near the heading, and the former prices shown beside it. */
export interface ShownPrice {
  price: ParsedPrice
  /** Amounts shown struck through or marked "was"/"old" in the same block as `price`. */
  former: number[]
}

/**
 * The price shown nearest to `anchor`: walking up from it, the first ancestor that holds a price
 * element decides, and within it the first price after the anchor (else the first). A price
 * element is one whose id or class mentions "price" (or that has `data-price`), showing one
 * amount with a currency, outside page chrome, and not a former, list, unit or shipping price.
 * When that ancestor holds three or more different amounts, the heading does not tell the price:
 * then the same walk from `buyButton` (the price stands beside the button that buys at it)
 * decides, taking the last price before the button, else the first after it. Null when neither
 * tells.
 */
export function priceNear(
  $: CheerioAPI,
  anchor: Cheerio<Element>,
  buyButton: Element | null = null
): ParsedPrice | null {
  return shownPrice($, anchor, buyButton)?.price ?? null
}

/**
 * `priceNear`'s price, with the former prices (struck through, "was", "old", "barred") shown in
 * the same block: what lets the merge tell a list price in the markup from the price paid.
 * `buyButton` may be given as a function, called only when the heading does not tell: most pages
 * then need no search for the button.
 */
export function shownPrice(
  $: CheerioAPI,
  anchor: Cheerio<Element>,
  buyButton: Element | null | (() => Element | null) = null
): ShownPrice | null {
  // Candidates come in document order.
  const candidates = priceCandidates(pageElements($))
  if (!candidates.some((candidate) => !candidate.former)) return null
  const fromHeading = nearest(candidates, anchor.get(0)!, false)
  if (fromHeading !== 'crowded') return fromHeading
  const button = typeof buyButton === 'function' ? buyButton() : buyButton
  if (button == null) return null
  const fromButton = nearest(candidates, button, true)
  return fromButton === 'crowded' ? null : fromButton
}

function nearest(
  candidates: PriceCandidate[],
  anchorNode: Element,
  before: boolean
): ShownPrice | 'crowded' | null {
  // Walking up from the anchor, the first ancestor holding a price decides. Each candidate's
  // level is the nearest of the anchor's ancestors that contains it: one walk up per candidate
  // instead of a containment test per candidate and ancestor.
  const ancestors = ancestorsOf(anchorNode)
  const levelOf = new Map<AnyNode, number>(ancestors.map((ancestor, level) => [ancestor, level]))
  const levels = candidates.map((candidate) => {
    for (let node = candidate.element.parent; node; node = node.parent) {
      const level = levelOf.get(node)
      if (level !== undefined) return level
    }
    return Infinity
  })
  let level = Infinity
  candidates.forEach((candidate, i) => {
    if (!candidate.former) level = Math.min(level, levels[i]!)
  })
  if (level === Infinity) return null
  const all = candidates.filter((_, i) => levels[i]! <= level)
  const inside = all.filter((candidate) => !candidate.former)
  // Many different prices at once is a grid of other products (a listing, recommendations),
  // not the price of this one.
  if (new Set(inside.map((candidate) => candidate.price.amount)).size >= 3) return 'crowded'
  const after = inside.filter((candidate) => follows(anchorNode, candidate.element))
  const preceding = inside.filter((candidate) => !follows(anchorNode, candidate.element))
  const chosen = before ? (preceding.at(-1) ?? after[0]) : (after[0] ?? inside[0])
  const former = all.filter((candidate) => candidate.former)
  const formerAmounts = new Set(former.map((candidate) => candidate.price.amount))
  return { price: chosen!.price, former: [...formerAmounts] }
}

function priceCandidates(page: PageElements): PriceCandidate[] {
  const found: PriceCandidate[] = []
  const struck = insideChrome(page, (element) => STRUCK_TAGS.has(element.name))
  // `[data-price], [id*="price" i], [class*="price" i]`
  for (const element of page.all) {
    if (
      element.attribs['data-price'] == null &&
      !mentionsPrice(element) &&
      !formerInPriceBlock(element)
    ) {
      continue
    }
    if (NO_PRICE_TAGS.has(element.tagName.toLowerCase())) continue
    // Cheap tests first: most matches are layout wrappers around far more than a price.
    const text = shortTextOf([element], 200) ?? ''
    const dataPrice = element.attribs['data-price']
    const price =
      text.length > 0 &&
      text.length <= 40 &&
      !NOT_THE_PRICE_TEXT.test(text) &&
      !PER_UNIT_TEXT.test(text)
        ? (singlePrice(text.replace(PRICE_LABEL, '')) ?? currencyBeside(element, text))
        : dataPrice && /^\s*\d+([.,]\d+)?\s*$/.test(dataPrice)
          ? parsePrice(dataPrice)
          : null
    if (price == null || price.amount <= 0) continue
    if (isHidden(element)) continue
    // A former price: struck through, marked "was"/"old"/"list" on it or its near ancestors, or
    // held whole in such a mark inside it (`<div class="full-price"><span class="barred">`).
    const former =
      struck(element) ||
      marksNotThePrice(element) ||
      ancestorsOf(element, 4).some(marksNotThePrice) ||
      onlyChildMarksFormer(element)
    found.push({ element, price, former })
  }
  return found
}

/**
 * True if any element of the page is struck through or hints at a former price in its id or
 * class: a cheap test (no text read) that lets a page without any skip the search for one.
 */
export function showsFormerPrice(page: PageElements): boolean {
  return page.all.some((element) => STRUCK_TAGS.has(element.name) || hintsFormer(element))
}

/** `FORMER_HINT` in the id or class (tested apart: none of its words holds a space). */
function hintsFormer(element: Element): boolean {
  const { id, class: className } = element.attribs
  return (id != null && FORMER_HINT.test(id)) || (className != null && FORMER_HINT.test(className))
}

/**
 * A struck-through or "was"/"barred"-marked element inside a price block (`<div
 * class="full-price"><span class="barred">€ 18,00</span>`): a former price, though its own class
 * does not say "price".
 */
function formerInPriceBlock(element: Element): boolean {
  // Cheap tests first: this runs on every element of the page.
  if (!STRUCK_TAGS.has(element.name) && !hintsFormer(element)) return false
  if (!ancestorsOf(element, 3).some(mentionsPrice)) return false
  return STRUCK_TAGS.has(element.name) || marksNotThePrice(element)
}

function onlyChildMarksFormer(element: Element): boolean {
  const inner = element.children.filter(isElement)
  return inner.length === 1 && (STRUCK_TAGS.has(inner[0]!.name) || marksNotThePrice(inner[0]!))
}

/** `[id*="price" i], [class*="price" i]`: an element the page marks as (holding) a price. */
export function mentionsPrice(element: Element): boolean {
  const { id, class: className } = element.attribs
  return (id != null && /price/i.test(id)) || (className != null && /price/i.test(className))
}

// Per element, whether `marksNotThePrice`: the candidates of a price block share ancestors.
const notThePriceByElement = new WeakMap<Element, boolean>()

/** True if a whole word of the id or class is one of `NOT_THE_PRICE`. */
function marksNotThePrice(node: Element): boolean {
  const { id, class: className } = node.attribs
  if (id == null && className == null) return false
  let marked = notThePriceByElement.get(node)
  if (marked === undefined) {
    // Whole words of the class and id, camelCase split: "a-text-strike" and
    // "SuggestedRetailPrice" mark former prices, "font-bold" is no "old".
    marked = `${id ?? ''} ${className ?? ''}`
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .some((word) => NOT_THE_PRICE.has(word))
    notThePriceByElement.set(node, marked)
  }
  return marked
}

/**
 * A bare amount ("17,10") whose currency stands beside it, outside the price element
 * (`<strong>€ <span class="price">17,10</span></strong>`): the parent's short text, holding that
 * one amount, names the currency.
 */
function currencyBeside(element: Element, text: string): ParsedPrice | null {
  if (!/^\d+(?:[.,'\s]\d+)*$/.test(text) || !isElement(element.parent!)) return null
  const around = shortTextOf([element.parent], 40)
  // The rest of the parent's text is the currency alone: no other digits ("$29." + "99" is a
  // split amount, not one with its currency beside it).
  if (around == null || !around.includes(text) || /\d/.test(around.replace(text, ''))) return null
  return singlePrice(around)
}

/** A price alone in its text: one amount, next to a currency; "$111.99$141.99" is two. */
function singlePrice(text: string): ParsedPrice | null {
  const amounts = text.match(/\d+(?:[.,'\s]\d+)*/g) ?? []
  if (amounts.length !== 1) return null
  const price = parsePrice(text)
  return price?.currency ? price : null
}
