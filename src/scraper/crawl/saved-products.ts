import type { LogLevel } from '../../shared/log-entry'
import type { ExtractedProduct } from '../../shared/product'
import type { SaveOutcome } from '../../shared/run'
import { canonicalUrl } from '../url/canonical-url'
import { isSameSite } from '../url/same-site'
import type { CrawlFrontier } from './crawl-frontier'

/** Options of {@link SavedProducts}. */
export interface SavedProductsOptions {
  /** The brand's website: a rel=canonical on another site is not trusted. */
  siteUrl: string
  /** Told where products are, so their addresses are not fetched again and their shapes count. */
  frontier: CrawlFrontier
  /** Commits one product to the catalog. */
  save(url: string, product: ExtractedProduct): SaveOutcome
  log: (level: LogLevel, message: string) => void
}

/** Where a product was found. */
export interface ProductSighting {
  /** The page as the frontier listed it. */
  listedUrl: string
  /** Where the page ended, after redirects (canonical). */
  finalUrl: string
  /** The page's rel=canonical, if it has one. */
  declaredUrl: string | null
}

/**
 * The products of one crawl, each saved once under its one address: the page's rel=canonical when
 * it names a page of the same site, else the URL the page ended at. A product reached by two
 * addresses (tracking parameters, a category path and a flat one) is saved by the first.
 */
export class SavedProducts {
  private readonly urls = new Set<string>()

  constructor(private readonly options: SavedProductsOptions) {}

  /** Products saved so far. */
  get count(): number {
    return this.urls.size
  }

  /** Whether a product was saved under the canonical `url`. */
  has(url: string): boolean {
    return this.urls.has(url)
  }

  /** Saves a product found on a page, unless this crawl saved it already. */
  found(sighting: ProductSighting, product: ExtractedProduct): void {
    const { frontier, log } = this.options
    const declared = sighting.declaredUrl == null ? null : canonicalUrl(sighting.declaredUrl)
    // rel=canonical names the product's one address, but only a same-site one can be trusted.
    const productUrl =
      declared != null && isSameSite(declared, this.options.siteUrl) ? declared : sighting.finalUrl
    frontier.markKnown(productUrl)
    frontier.productFound(sighting.listedUrl)
    if (this.urls.has(productUrl)) {
      log('debug', `${sighting.listedUrl} is the product ${productUrl}, saved already`)
      return
    }
    this.urls.add(productUrl)
    const outcome = this.options.save(productUrl, product)
    log('debug', `Product ${product.name} at ${productUrl} (${outcome})`)
  }
}
