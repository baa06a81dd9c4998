import type { CheerioAPI } from 'cheerio'
import { extractedProductSchema, type ExtractedProduct } from '../../shared/product'
import { extractHeuristics } from './heuristics/extract-heuristics'
import { extractJsonLd } from './extract-json-ld'
import { extractMicrodata } from './extract-microdata'
import { extractOpenGraph } from './extract-open-graph'
import { cleanProductText } from './clean-product-text'
import { documentBase, extractPageLinks } from './extract-page-links'
import { extractRdfa } from './extract-rdfa'
import { extractWithSelectors, type FieldSelectors } from './extract-with-selectors'
import { looksScriptRendered } from './looks-script-rendered'
import { mergeProductFields } from './merge-product-fields'
import { pageElements } from './page-elements'
import { parseHtml } from './parse-html'
import { scriptProductData, type ScriptProductData } from './heuristics/script-product-data'
import type { ProductFields } from './product-fields'
import { pickProduct, type StructuredData } from './structured-data'

/** How to read one page. */
export interface ExtractOptions {
  /** The page's final URL: base for relative links. */
  url: string
  /**
   * Per-brand CSS selector overrides, stored with the brand: field → CSS selector. A selector that
   * matches wins over everything the page's markup says; one that matches nothing is ignored.
   * Default: none.
   */
  selectors?: FieldSelectors
}

/** Everything read from one page. */
export interface PageExtraction {
  /** The product, or null when the page is not a product page. */
  product: ExtractedProduct | null
  /** Canonical URL from <link rel=canonical> (absolute) or null. */
  canonicalUrl: string | null
  /** All same-document links (absolute, http(s) only, fragments removed), in page order, deduped. */
  links: string[]
  /** rel=next pagination target if any (absolute). */
  nextPageUrl: string | null
  /**
   * True if the page looks like a JavaScript-rendered shell: little text in body, scripts
   * present, no product markup — a hint that a browser is needed.
   */
  looksScriptRendered: boolean
}

/**
 * Read a saved or fetched page: its product (from JSON-LD, microdata, RDFa, OpenGraph and the
 * visible content, merged by `mergeProductFields`), canonical URL, links and next page. Pure: no
 * browser, no network. The HTML is parsed once.
 */
export function extractPage(html: string, options: ExtractOptions): PageExtraction {
  const $ = parseHtml(html)
  const base = documentBase($, options.url)
  const pageLinks = extractPageLinks($, base)
  const { product, hasProductMarkup } = productOf($, base, options, pageLinks.canonicalUrl)
  return {
    product,
    ...pageLinks,
    looksScriptRendered: looksScriptRendered($, hasProductMarkup || product != null)
  }
}

/** The page's product, or null when it is not a product page. See `extractPage`. */
export function extractProduct(html: string, options: ExtractOptions): ExtractedProduct | null {
  const $ = parseHtml(html)
  const base = documentBase($, options.url)
  const canonical = extractPageLinks($, base).canonicalUrl
  return productOf($, base, options, canonical).product
}

interface ProductResult {
  product: ExtractedProduct | null
  /** True if any product markup (structured data or og:type product) was seen. */
  hasProductMarkup: boolean
}

/**
 * A page is a product page when its structured data describes one product, or — without any —
 * when `og:type` says product, or a main heading stands next to a visible price. Structured data
 * that describes several different products (or an `ItemList` of them) makes a listing: null.
 */
function productOf(
  $: CheerioAPI,
  base: string,
  options: ExtractOptions,
  canonicalUrl: string | null
): ProductResult {
  const openGraph = extractOpenGraph($, base)
  const pageUrls = [options.url, base, canonicalUrl, openGraph.url].filter(
    (url): url is string => url != null
  )
  const sources: StructuredData[] = [
    extractJsonLd($, base),
    extractMicrodata($, base),
    extractRdfa($, base)
  ]
  const heuristics = extractHeuristics($, base)
  const pageTitles = [heuristics.fields.name, openGraph.fields.name, documentTitle($)].filter(
    (title): title is string => title != null
  )
  const structured = []
  let listing = false
  for (const source of sources) {
    const pick = pickProduct(source, pageUrls, pageTitles)
    // The richest syntax that speaks decides: a listing in JSON-LD is not outvoted by a
    // "related product" in microdata.
    if (pick.listing && structured.length === 0) listing = true
    if (pick.product && !listing) structured.push(pick.product)
  }
  const hasProductMarkup =
    sources.some((source) => source.products.length > 0 || source.itemList) || openGraph.isProduct
  if (listing) return { product: null, hasProductMarkup }

  const overrides = options.selectors ? extractWithSelectors($, options.selectors, base) : {}
  const isProductPage =
    structured.length > 0 ||
    openGraph.isProduct ||
    (heuristics.hasHeading &&
      (heuristics.hasVisiblePrice || heuristics.hasBuyButton || heuristics.hasStockLabel)) ||
    (overrides.name != null && (overrides.price != null || overrides.sku != null))
  if (!isProductPage) return { product: null, hasProductMarkup }

  const siteName =
    pageElements($)
      .named('meta')
      .find((element) => element.attribs.property === 'og:site_name')?.attribs.content ?? null
  const merged = mergeProductFields({
    overrides,
    structured,
    openGraph: openGraph.fields,
    heuristics: heuristics.fields,
    scripts: lazyScriptFields($),
    // Getters: the visible breadcrumb is looked for only if the markup names no category, and
    // the page's former prices only if the markup states a price.
    get breadcrumbs() {
      return [...sources.map((source) => source.breadcrumb), heuristics.breadcrumb]
    },
    get formerPrices() {
      return heuristics.formerPrices
    },
    siteName
  })
  // Scraped text is cleaned once, here, before the store, the log, the terminal or the UI see it.
  const parsed = extractedProductSchema.safeParse(cleanProductText(merged))
  return { product: parsed.success ? parsed.data : null, hasProductMarkup }
}

/** The text of the page's `<title>`, or null. */
function documentTitle($: CheerioAPI): string | null {
  const title = pageElements($).named('title')[0]
  return title ? $(title).text() : null
}

/** The scripts' sku and stock (`scriptProductData`), read only if the merge asks for them. */
function lazyScriptFields($: CheerioAPI): Partial<ProductFields> {
  let data: ScriptProductData | null = null
  const read = (): ScriptProductData => (data ??= scriptProductData(pageElements($)))
  return {
    get sku() {
      return read().sku
    },
    get availability() {
      return read().availability
    }
  }
}
