import { collapseWhitespace } from './html-text'
import type { ProductFields } from './product-fields'

/** What one structured-data syntax (JSON-LD, microdata, RDFa) says about a page. */
export interface StructuredData {
  /** Every top-level product the markup describes, in page order. */
  products: ProductFields[]
  /** True if the markup declares a list of products (an `ItemList` of them). */
  itemList: boolean
  /** Steps of the first `BreadcrumbList`, most general first; empty if none. */
  breadcrumb: string[]
}

/** The verdict on one syntax's products. */
export interface ProductPick {
  /** The page's product, or null. */
  product: ProductFields | null
  /** True when the markup describes several different products and none is this page's. */
  listing: boolean
}

/**
 * The product a page is about, from the products its markup describes. Repeats of one product
 * (same name: variants, or the same item written twice) count as one, the first kept. Several
 * different products make a listing — unless exactly one of them is stated to live at one of
 * `pageUrls` (the page and its canonical URL), which is then the page's product and the rest are
 * "related items" — or, failing that, exactly one of them is named in one of `pageTitles` (the
 * main heading, `og:title`, the document title): the page shows its name as its own, the others
 * only in lists. An `ItemList` of products with no stand-alone product is a listing as well.
 */
export function pickProduct(
  data: StructuredData,
  pageUrls: readonly string[],
  pageTitles: readonly string[] = []
): ProductPick {
  const distinct: ProductFields[] = []
  for (const product of data.products) {
    if (!distinct.some((known) => sameProduct(known, product))) distinct.push(product)
  }
  if (distinct.length === 1 && !data.itemList) return { product: distinct[0]!, listing: false }
  if (distinct.length === 0) return { product: null, listing: data.itemList }
  const urls = new Set(pageUrls.map(withoutTrailingSlash))
  const atPage = distinct.filter(
    (product) => product.url && urls.has(withoutTrailingSlash(product.url))
  )
  if (atPage.length === 1) return { product: atPage[0]!, listing: false }
  const titles = pageTitles.map(normalizedName).filter((title) => title.length > 0)
  const named = distinct.filter((product) => {
    const name = product.name ? normalizedName(product.name) : ''
    return name.length >= 4 && titles.some((title) => title.includes(name))
  })
  if (named.length === 1) return { product: named[0]!, listing: false }
  // One product next to an ItemList is the product page with its "related" list.
  if (distinct.length === 1) return { product: distinct[0]!, listing: false }
  return { product: null, listing: true }
}

function sameProduct(a: ProductFields, b: ProductFields): boolean {
  if (a.name && b.name) return normalizedName(a.name) === normalizedName(b.name)
  if (a.url && b.url) return withoutTrailingSlash(a.url) === withoutTrailingSlash(b.url)
  // A nameless node (an offer written apart, say) adds to the named one rather than competing.
  return true
}

function normalizedName(name: string): string {
  return collapseWhitespace(name).toLowerCase()
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
