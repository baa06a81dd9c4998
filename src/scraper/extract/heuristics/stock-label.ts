import type { Element } from 'domhandler'
import type { Availability } from '../../../shared/product'
import { shortTextOf } from '../html-text'
import type { PageElements } from '../page-elements'
import { insideChrome, isHidden } from './page-chrome'
import { stockWording } from './stock-wording'

// Words of an id or class that mark a stock or availability label.
const STOCK_MARK = /stock|availab|inventory|lager|dispon|verfueg|verfüg|voorraad|zapas|在庫|库存/i

/** A label the page shows about stock, and what it says. */
export interface StockLabel {
  element: Element
  availability: Availability
}

/**
 * The first visible element outside the page chrome whose id or class marks stock or availability
 * ("stock-status", "availability", "product-inventory") and whose short text, or its first
 * sentence, states it ("In stock", "Ausverkauft", "在庫切れ": `stockWording`). Null when the page shows none.
 */
export function stockLabel(page: PageElements): StockLabel | null {
  const inChrome = insideChrome(page)
  for (const element of page.all) {
    // The id and class tested apart: no word of `STOCK_MARK` holds a space.
    const { id, class: className } = element.attribs
    if (!(id != null && STOCK_MARK.test(id)) && !(className != null && STOCK_MARK.test(className)))
      continue
    if (['script', 'style', 'input', 'option', 'select', 'template'].includes(element.name))
      continue
    const text = shortTextOf([element], 400)
    if (!text) continue
    // The first sentence states it: "Derzeit nicht verfügbar. Ob und wann … ist unbekannt."
    const availability = stockWording(text.split(/(?<=[.!。])\s/)[0]!)
    if (availability == null || inChrome(element) || isHidden(element)) continue
    return { element, availability }
  }
  return null
}
