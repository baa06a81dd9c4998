import type { CheerioAPI } from 'cheerio'
import type { Element } from 'domhandler'
import type { ParsedPrice } from '../parse-price'
import { textOf } from '../html-text'
import type { ProductFields } from '../product-fields'
import { buyButton } from './buy-button'
import { headingImages } from './heading-images'
import {
  identifiersFromLabels,
  labelledIdentifiers,
  type Identifiers
} from './labelled-identifiers'
import { mainHeading } from './main-heading'
import { markedIdentifier } from './marked-identifiers'
import { metaDescription } from './meta-description'
import { showsFormerPrice, shownPrice } from './price-near'
import { specTables } from './spec-tables'
import { stockLabel } from './stock-label'
import { unmarkedPrice } from './unmarked-price'
import { ancestorsOf, pageElements } from '../page-elements'
import { visibleBreadcrumb } from './visible-breadcrumb'

// More buy buttons than a product page's own (add to cart, buy now, a sticky copy) make a listing.
const MAX_BUY_BUTTONS = 3

/** What the visible page says when its markup says too little. */
export interface HeuristicData {
  /** Name from the main heading, visible price near it, specs, identifiers from labels. */
  fields: ProductFields
  /** True if a main heading was found. */
  hasHeading: boolean
  /** True if a price is shown near the main heading. */
  hasVisiblePrice: boolean
  /** Amounts shown struck through or marked "was"/"old" beside the visible price; maybe empty. */
  formerPrices: number[]
  /** True if the page has a buy button (`buyButton`), enabled or not, and not a listing's many. */
  hasBuyButton: boolean
  /** True if the page shows a stock label (`stockLabel`). */
  hasStockLabel: boolean
  /** Steps of the visible breadcrumb, most general first; empty if none. */
  breadcrumb: string[]
}

/**
 * Product fields read from the rendered content, for pages whose structured data is missing or
 * wrong: the main `h1` as name (`mainHeading`), the price shown nearest to it (`priceNear`), spec
 * tables and definition lists as specs (`specTables`), labelled identifiers ("Item #: T9F432251",
 * a "Brand" row: `labelledIdentifiers`), the breadcrumb (`visibleBreadcrumb`), the meta
 * description, and images whose alt text is the product's name (`headingImages`).
 *
 * The fields (and `hasHeading`, `hasVisiblePrice`, `breadcrumb`) are read-only getters, each
 * worked out on first read and then kept: the merge reads only what the page's markup left
 * empty, and most product pages leave little, so most of this work is never done. The heuristics
 * share the page's one element walk (`pageElements`).
 */
export function extractHeuristics($: CheerioAPI, url: string): HeuristicData {
  const heading = once(() => mainHeading($))
  const name = once(() => {
    const found = heading()
    return found ? textOf(found) : null
  })
  const button = once(() => buyButton(pageElements($)))
  const shown = once(() => {
    const found = heading()
    return found ? shownPrice($, found, () => button()?.element ?? null) : null
  })
  const price = once(() => {
    const found = heading()
    const near = shown()?.price
    // Else the amount the buy button itself carries (`price="44890"`): the price it buys at.
    // Last, an amount shown after the heading with no price mark (`unmarkedPrice`): a marked
    // price or the button's own amount is the page saying what it charges, so both win over it.
    return near ?? buttonPrice(button()?.element) ?? (found ? unmarkedPrice(found.get(0)!) : null)
  })
  const specs = once(() => specTables($))
  const fromSpecs = once(() => identifiersFromLabels(Object.entries(specs())))
  const fromText = once((): Identifiers => {
    const found = heading()
    return found ? labelledIdentifiers($, found) : {}
  })
  const marked = once(() => markedIdentifier(pageElements($)))
  const identifier = (key: keyof Identifiers): string | null =>
    fromSpecs()[key] ?? fromText()[key] ?? (key === 'sku' ? marked() : null) ?? null

  // What the shopper sees decides: a stock label ("Ausverkauft") over the button, since a
  // "sold out" label beside a still-enabled button is the truth; else an enabled buy button
  // means purchasable, a disabled or "notify me" one not.
  const shownStock = once(() => stockLabel(pageElements($)))
  const availability = once(() => {
    const label = shownStock()
    const found = button()
    // Except: an enabled buy button beats an out-of-stock label that is not beside it (a
    // store-pickup or a variant's "unavailable" elsewhere on the page).
    if (label && found?.purchasable && label.availability === 'OutOfStock') {
      const near = ancestorsOf(found.element)
        .slice(0, 4)
        .some((ancestor) => $.contains(ancestor, label.element))
      if (!near) return 'InStock'
    }
    if (label) return label.availability
    return found ? (found.purchasable ? 'InStock' : 'OutOfStock') : null
  })
  const images = once(() => headingImages($, url, name()))
  const breadcrumb = once(() => visibleBreadcrumb($))
  // Getters, not values: each field is worked out when the merge first reads it.
  const fields: ProductFields = {
    get name() {
      return name()
    },
    get statedBrand() {
      return identifier('statedBrand')
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
    get availability() {
      return availability()
    },
    description: metaDescription($),
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
    get formerPrices() {
      // Most pages strike nothing through: then the price search is not run for this.
      return showsFormerPrice(pageElements($)) ? (shown()?.former ?? []) : []
    },
    get hasBuyButton() {
      // A page with a buy button per product is a listing, whatever its heading says.
      const found = button()
      return found != null && found.count <= MAX_BUY_BUTTONS
    },
    get hasStockLabel() {
      return shownStock() != null
    },
    get breadcrumb() {
      return breadcrumb()
    }
  }
}

/** A plain amount in the buy button's `price` or `data-price` attribute, or null. */
function buttonPrice(element: Element | undefined): ParsedPrice | null {
  const value = element?.attribs.price ?? element?.attribs['data-price']
  if (value == null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null
  const amount = Number(value)
  return amount > 0 ? { amount, currency: null } : null
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
