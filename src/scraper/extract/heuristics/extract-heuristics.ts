import type { CheerioAPI } from 'cheerio'
import { textOf } from '../html-text'
import type { ProductFields } from '../product-fields'
import { headingImages } from './heading-images'
import {
  identifiersFromLabels,
  labelledIdentifiers,
  type Identifiers
} from './labelled-identifiers'
import { mainHeading } from './main-heading'
import { metaDescription } from './meta-description'
import { priceNear } from './price-near'
import { specTables } from './spec-tables'
import { visibleBreadcrumb } from './visible-breadcrumb'

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
    availability: null,
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
