import type { LogLevel } from '../../shared/log-entry'
import type { PageExtraction } from '../extract/extract-product'
import type { FetchMode, LoadedPage } from '../fetch/page-loader'
import { canonicalUrl } from '../url/canonical-url'
import { isSameSite } from '../url/same-site'

/** Options of {@link FetchStrategy}. */
export interface FetchStrategyOptions {
  /** What worked for this brand last time; null when nothing is remembered. */
  remembered: FetchMode | null
  /** Every page through the browser, asked for by the run (and nothing learnt from it). */
  browserOnly: boolean
  log: (level: LogLevel, message: string) => void
}

/**
 * HTTP or browser: the choice for each page, and what this crawl teaches about the site. A crawl
 * starts with plain HTTP unless the run asks for the browser or the brand needed it last time;
 * pages that turn out to be script-rendered are opened again in the browser (a rescue), and once
 * rescues keep coming while plain HTML has given no product, the rest of the crawl uses the
 * browser straight away.
 */
export class FetchStrategy {
  private current: FetchMode
  private httpProducts = 0
  private browserRescues = 0

  constructor(private readonly options: FetchStrategyOptions) {
    this.current = options.browserOnly || options.remembered === 'browser' ? 'browser' : 'http'
    if (this.current === 'browser') {
      options.log(
        'info',
        options.browserOnly
          ? 'Fetching every page with the browser, as asked'
          : 'This site needed the browser last time: fetching pages with it'
      )
    }
  }

  /** How the next page is fetched first. */
  get mode(): FetchMode {
    return this.current
  }

  /** A product was found on a page fetched this way. */
  productFound(via: FetchMode): void {
    if (via === 'http') this.httpProducts++
  }

  /** The browser found a product on a page whose HTTP copy had none. */
  rescued(): void {
    this.browserRescues++
    // Once pages keep needing scripts and plain HTML has given nothing, stop fetching twice.
    if (this.current === 'http' && this.browserRescues >= 2 && this.httpProducts === 0) {
      this.current = 'browser'
      this.options.log(
        'info',
        'Product pages of this site are rendered by scripts: using the browser for the rest of the crawl'
      )
    }
  }

  /**
   * What to remember for the brand's next run, so it goes straight to what works; null when this
   * crawl taught nothing (or the browser was forced, which says nothing about the site).
   */
  learned(): FetchMode | null {
    if (this.options.browserOnly) return null
    if (this.browserRescues > 0 && this.browserRescues >= this.httpProducts) return 'browser'
    if (this.httpProducts > 0 && this.current === 'http') return 'http'
    return null
  }
}

/**
 * Whether the HTTP copy of a page is an empty shell that only scripts fill in: the extractors say
 * it looks script-rendered, or it is the home page, runs scripts and links nowhere else on the
 * site (a menu built by scripts: no way into the site without running them).
 */
export function needsBrowser(
  page: LoadedPage,
  extraction: PageExtraction,
  home: boolean,
  siteUrl: string
): boolean {
  if (extraction.product != null) return false
  if (extraction.looksScriptRendered) return true
  return (
    home &&
    page.hasScripts &&
    !extraction.links.some(
      (link) => isSameSite(link, siteUrl) && canonicalUrl(link) !== page.finalUrl
    )
  )
}
