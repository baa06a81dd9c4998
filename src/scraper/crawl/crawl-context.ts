import type { Brand, CrawlOverrides } from '../../shared/brand'
import type { LogLevel } from '../../shared/log-entry'
import type { ExtractedProduct } from '../../shared/product'
import type { SaveOutcome } from '../../shared/run'
import type { BrowserProvider } from '../fetch/browser-provider'
import type { FetchMode } from '../fetch/page-loader'
import type { JsonEndpointRecipe } from './json-endpoint-recipe'

/**
 * What became of a page: `failed` is an error (it should have worked), `dead` a link that answered
 * 404 or 410.
 */
export type PageOutcome = 'product' | 'not-product' | 'skipped' | 'failed' | 'dead'

/**
 * Everything one brand's crawl needs, passed down from the job runner. The crawl never touches the
 * database or the coordinator directly: it reports through these callbacks, so it can be tested
 * with a fixture site and a list.
 */
export interface CrawlContext {
  brand: Brand
  overrides: CrawlOverrides
  /** Aborted when the user asks the worker to stop: finish or drop the page in flight, then return. */
  signal: AbortSignal
  /** Chromium, launched on first use and shared across brands of one worker process. */
  browser: BrowserProvider
  /** Commits a product at once, so a killed worker loses at most the page in flight. */
  saveProduct(url: string, product: ExtractedProduct): SaveOutcome
  /** Progress: a page URL became known (deduped by the caller of this callback: the crawl). */
  pagesDiscovered(total: number): void
  /** A page was fetched (or failed for good); `currentUrl` is shown to the user. */
  pageDone(url: string, outcome: PageOutcome): void
  /** A page is being fetched now. */
  pageStarted(url: string): void
  log(level: LogLevel, message: string): void
  /** What worked for this brand last time, and remembering what worked now. */
  fetchStrategy: {
    get(): FetchMode | null
    set(strategy: FetchMode): void
  }
  /**
   * The JSON endpoint this brand's product pages took their product from last time, and keeping
   * (or, with null, forgetting) it. Default: nothing remembered between runs.
   */
  jsonEndpoint?: {
    get(): JsonEndpointRecipe | null
    set(recipe: JsonEndpointRecipe | null): void
  }
}

/** How a crawl ended. */
export interface CrawlResult {
  /**
   * True when the crawl saw every page it discovered (not stopped, not cut by the page cap, site
   * reachable): only then are products it did not see flagged missing.
   */
  complete: boolean
  pagesVisited: number
  errorCount: number
  /** Set when the crawl could not run at all (site unreachable, no browser), in words. */
  fatal: string | null
}
