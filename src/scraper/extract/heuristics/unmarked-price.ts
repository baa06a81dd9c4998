import type { Element } from 'domhandler'
import { shortTextOf } from '../html-text'
import { ancestorsOf, hasDescendantNamed, isElement } from '../page-elements'
import { parsePrice, type ParsedPrice } from '../parse-price'
import { isHidden } from './page-chrome'
import { NOT_THE_PRICE_TEXT } from './price-near'

// How far up from the heading the product's own block may reach: its parent, grandparent and
// great-grandparent. Farther up is the page, where an amount could be anyone's.
const LEVELS = 3
// Elements looked at per level: caps the work on huge pages.
const MAX_ELEMENTS = 300
// How many elements after the heading a price may stand: beside the heading, not a promotion or
// another product further down the same layout table.
const MAX_AFTER = 40
const MAX_TEXT = 40
// An instalment is never the price, not even as a last resort: "每期$98" (each period), "$30/mo".
const INSTALMENT_TEXT = /每期|每月|分期|\/\s*mo\b|\bmonth|\binstal/iu
const STRUCK: ReadonlySet<string> = new Set(['s', 'del', 'strike'])
const SKIPPED: ReadonlySet<string> = new Set(['script', 'style', 'noscript', ...STRUCK])
// Yuan, yen and won written after an amount: 元 is both TWD and CNY, so it names no currency.
const CURRENCY_WORD = /^(元|円|원)$/u

/**
 * The price a page shows after the product's heading without marking it as a price (no "price"
 * in any class or id, so `priceNear` cannot see it): "最低價$<span>99</span>元起/包",
 * "<span>294</span><span>元</span>". Within the heading's parent, then grandparent, then
 * great-grandparent, the first short text (at most 40 characters, within 40 elements after the
 * heading) that holds exactly one amount with a currency sign or code beside it decides — the
 * nearest one, as the shopper reads it. Not read: struck-through amounts and texts holding one
 * ("RRP <del>$420</del>"), hidden ones, texts labelled as a former price ("was", "RRP", …) and
 * instalments ("每期$98", "$30/mo"). A "from" or per-pack amount shown this way is what the page
 * offers the product at, so it counts.
 *
 * A fallback, read only when neither a marked price near the heading nor the buy button's amount
 * tells: those are the page saying what its price is, this is the page merely showing one. An
 * amount marked "old" is still taken here when it is the only one shown (a shop's template naming
 * its one price "price-old-live").
 */
export function unmarkedPrice(heading: Element): ParsedPrice | null {
  for (const block of ancestorsOf(heading).slice(0, LEVELS)) {
    const found = amountAfter(block, heading)
    if (found) return found
  }
  return null
}

/** The first priced text inside `block` after `heading`, or null. */
function amountAfter(block: Element, heading: Element): ParsedPrice | null {
  let found: ParsedPrice | null = null
  let seen = 0
  let after = 0
  let passed = false
  const walk = (element: Element): void => {
    if (found || seen++ > MAX_ELEMENTS || after > MAX_AFTER) return
    if (element === heading) {
      passed = true
      return
    }
    if (SKIPPED.has(element.name)) return
    if (passed) {
      after++
      const text = shortTextOf([element], MAX_TEXT)
      // A text holding a struck-through amount is not read whole: its other parts may still be.
      if (text != null && text !== '' && !hasDescendantNamed(element, STRUCK)) {
        const price = pricedText(text) ?? currencyAfter(element, text)
        if (price && !isHidden(element)) found = price
        // A short text is read whole: its parts (the bare "99" of "$<span>99</span>") are not,
        // unless it holds several amounts ("7 折 <span>294</span> 元": a discount and a price).
        if (price || amountsIn(text).length <= 1) return
      }
    }
    for (const child of element.children) if (isElement(child)) walk(child)
  }
  walk(block)
  return found
}

/** One amount with a known currency, not a former price or an instalment; else null. */
function pricedText(text: string): ParsedPrice | null {
  if (NOT_THE_PRICE_TEXT.test(text) || INSTALMENT_TEXT.test(text)) return null
  if (amountsIn(text).length !== 1) return null
  const price = parsePrice(text)
  return price?.currency != null && price.amount > 0 ? price : null
}

function amountsIn(text: string): string[] {
  return text.match(/\d+(?:[.,'\s]\d+)*/g) ?? []
}

/**
 * A bare amount whose currency is the next element alone (`<span>294</span><span>元</span>`,
 * `<b>12,50</b><i>€</i>`). The currency is null when the sign does not tell which one it is.
 */
function currencyAfter(element: Element, text: string): ParsedPrice | null {
  if (!/^\d+(?:[.,'\s]\d+)*$/.test(text)) return null
  let next = element.next
  while (next && next.type === 'text' && next.data.trim() === '') next = next.next
  if (next == null || !isElement(next)) return null
  const sign = shortTextOf([next], 5)
  if (sign == null || sign === '' || /\d/.test(sign)) return null
  const price = parsePrice(`${text} ${sign}`)
  if (price == null || price.amount <= 0) return null
  return price.currency != null || CURRENCY_WORD.test(sign) ? price : null
}
