import type { CrawlContext, CrawlResult } from './crawl-context'
import type { CrawlFrontier } from './crawl-frontier'
import type { FetchStrategy } from './fetch-strategy'

/** What a crawl did, for {@link summarizeCrawl}. */
export interface CrawlTally {
  ctx: CrawlContext
  siteUrl: string
  maxPages: number
  frontier: CrawlFrontier
  strategy: FetchStrategy
  pagesVisited: number
  /** Pages were left unvisited at the page cap. */
  cutByCap: boolean
  productCount: number
  errorCount: number
  /** Why the home page could not be used, if it could not. */
  homeProblem: string | null
}

/**
 * Ends a crawl: tells the user how it went (a stop, the page cap, traps left out), remembers how
 * the site is best fetched, and decides whether the run is complete, which is what allows the job
 * runner to flag products not seen again as missing.
 */
export function summarizeCrawl(tally: CrawlTally): CrawlResult {
  const { ctx, frontier, pagesVisited, errorCount } = tally
  const { log } = ctx
  const result = (complete: boolean, fatal: string | null): CrawlResult => ({
    complete,
    pagesVisited,
    errorCount,
    fatal
  })
  if (ctx.signal.aborted) {
    log('info', `Stopped: ${pagesVisited} pages, ${tally.productCount} products`)
    return result(false, null)
  }
  if (tally.cutByCap) {
    log(
      'warn',
      `Stopped at the cap of ${tally.maxPages} pages with ${frontier.pendingCount} pages left unvisited`
    )
  }
  if (frontier.trappedCount > 0) {
    log(
      'info',
      `Left out ${frontier.trappedCount} pages of endlessly repeating addresses (calendars, filters)`
    )
  }
  if (tally.homeProblem != null && pagesVisited === 1) {
    // Nothing seen at all: a "complete" run would flag every product of the brand missing.
    const message = `The website ${tally.siteUrl} could not be loaded (${tally.homeProblem}) and lists no sitemap: check the website URL in the brand settings.`
    log('error', message)
    return result(false, message)
  }
  // Remember what this site needed, so the next run goes straight to what works.
  const learned = tally.strategy.learned()
  if (learned != null) ctx.fetchStrategy.set(learned)
  log('info', `Done: ${pagesVisited} pages, ${tally.productCount} products, ${errorCount} errors`)
  return result(!tally.cutByCap, null)
}
