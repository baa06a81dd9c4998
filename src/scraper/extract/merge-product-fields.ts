import type { ExtractedProduct } from '../../shared/product'
import { collapseWhitespace } from './html-text'
import { normalizeCategory } from './normalize-category'
import { emptyProductFields, type ProductFields } from './product-fields'

/** The layers' findings for one page, each source already known to describe the page's product. */
export interface ProductSources {
  /** Values from the brand's own selectors: they win over everything. */
  overrides: Partial<ProductFields>
  /** The product as JSON-LD, microdata and RDFa state it, in that order. */
  structured: ProductFields[]
  /** What the OpenGraph tags state. */
  openGraph: ProductFields
  /** What the visible page shows. */
  heuristics: ProductFields
  /** What the page's inline scripts say (sku, availability): the last resort. Default: none. */
  scripts?: Partial<ProductFields>
  /**
   * Breadcrumb steps per source (JSON-LD, microdata, RDFa, visible), first non-empty used. Read
   * only when neither the overrides nor the structured data name a category, so it may be a getter.
   */
  breadcrumbs: string[][]
  /**
   * Amounts the visible page shows as former prices (struck through, "was") beside its price.
   * Default: none.
   */
  formerPrices?: number[]
  /** `og:site_name`, to strip "| Site" from an `og:title` used as name. Default: none. */
  siteName?: string | null
}

/**
 * One product from all sources, field by field, the first non-empty value winning in this order:
 * selector overrides, structured data (JSON-LD, microdata, RDFa), then for the name the visible
 * heading before `og:title` (which is often the site's), for other fields OpenGraph before the
 * visible page. Price and currency travel together from the source that has the price. Images
 * come from the first source that has any; specs are the union, structured first.
 */
export function mergeProductFields(sources: ProductSources): ExtractedProduct {
  const { overrides, structured, openGraph, heuristics } = sources
  const ordered = [...structured, openGraph, heuristics]
  // Getters: the scripts are searched only when every other source left the field empty.
  const scripts: ProductFields = {
    ...emptyProductFields(),
    get sku() {
      return sources.scripts?.sku ?? null
    },
    get availability() {
      return sources.scripts?.availability ?? null
    }
  }
  const first = <K extends keyof ProductFields>(
    key: K,
    list: ProductFields[] = ordered
  ): ProductFields[K] | null => {
    const override = overrides[key]
    if (override != null && override !== '') return override as ProductFields[K]
    for (const fields of list) {
      const value = fields[key]
      if (value != null && value !== '') return value
    }
    return null
  }

  const ogName = openGraph.name ? stripSiteName(openGraph.name, sources.siteName) : null
  const name = first('name', [...structured, heuristics, { ...openGraph, name: ogName }])

  let price: number | null = overrides.price ?? null
  let currency: string | null = overrides.price != null ? (overrides.currency ?? null) : null
  let priceSource: ProductFields | null = null
  if (price == null) {
    priceSource = ordered.find((fields) => fields.price != null) ?? null
    price = priceSource?.price ?? null
    currency = priceSource?.currency ?? null
  }
  // Conflict rule, markup against the visible page: the markup's price wins (it is what the
  // shop states for machines), except when the page shows that very amount struck through or as
  // "was" beside a different price: then the markup carries the list price, and the shopper pays
  // the one the page shows.
  if (
    priceSource != null &&
    priceSource !== heuristics &&
    (sources.formerPrices ?? []).includes(price!) &&
    heuristics.price != null &&
    heuristics.price !== price
  ) {
    priceSource = heuristics
    price = heuristics.price
    currency = heuristics.currency
  }
  if (price != null && currency == null) {
    // Another source showing the same amount may name its currency (a "$" next to it).
    currency = ordered.find((fields) => fields.price === price && fields.currency)?.currency ?? null
  }

  const images = overrides.images ?? [...new Set(structured.flatMap((fields) => fields.images))]
  const chosenImages =
    images.length > 0 ? images : openGraph.images.length > 0 ? openGraph.images : heuristics.images

  const specs: Record<string, string> = {}
  for (const fields of [...structured, heuristics]) {
    for (const [key, value] of Object.entries(fields.specs)) {
      if (!(key in specs)) specs[key] = value
    }
  }

  const category =
    overrides.category ??
    structured.map((fields) => fields.category).find((value) => value != null) ??
    sources.breadcrumbs
      .map((steps) => (steps.length > 0 ? normalizeCategory(steps, name) : null))
      .find((value) => value != null) ??
    null

  const raw = structured.map((fields) => fields.raw)
  return {
    name: name ?? '',
    statedBrand: first('statedBrand'),
    // The reference the page shows the buyer under a label ("Product code: 141677") wins over a
    // structured-data sku, which is often the platform's internal id ("10134622").
    sku: first('sku', [heuristics, ...structured, openGraph, scripts]),
    mpn: first('mpn'),
    gtin: first('gtin'),
    price,
    currency: currency?.toUpperCase() ?? null,
    // Last rule: a product offered at a price, with nothing on the page saying it cannot be
    // bought (no stock label, no disabled or "notify me" button, no stock field), is for sale.
    availability:
      first('availability', [...ordered, scripts]) ?? (price != null ? 'InStock' : null),
    description: first('description'),
    category,
    images: chosenImages,
    specs,
    raw: raw.length > 0 ? raw : null
  }
}

/** "Tully Sconce | Pottery Barn" → "Tully Sconce" when the site is named "Pottery Barn". */
function stripSiteName(title: string, siteName: string | null | undefined): string {
  if (!siteName) return title
  const site = collapseWhitespace(siteName).toLowerCase()
  const parts = title.split(/\s+[|–—-]\s+/)
  if (parts.length > 1 && parts[parts.length - 1]!.toLowerCase() === site) {
    return parts.slice(0, -1).join(' - ')
  }
  return title
}
