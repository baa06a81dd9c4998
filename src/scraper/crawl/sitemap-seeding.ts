import type { LogLevel } from '../../shared/log-entry'
import type { PoliteFetcher } from '../fetch/polite-fetcher'
import type { CrawlFrontier } from './crawl-frontier'
import type { RobotsRules } from './robots-rules'
import { discoverSitemapPages } from './sitemap-discovery'

/** Options of {@link seedFromSitemaps}. */
export interface SitemapSeedingOptions {
  siteUrl: string
  /** The site's robots.txt: its sitemaps are read first, and its rules apply to them. */
  rules: RobotsRules
  frontier: CrawlFrontier
  fetcher: PoliteFetcher
  log: (level: LogLevel, message: string) => void
  signal: AbortSignal
}

/**
 * Queues every page the site's sitemaps list (those robots.txt names, else the conventional
 * addresses), at depth 1, and says how many: a site without a sitemap is crawled by its links.
 */
export async function seedFromSitemaps(options: SitemapSeedingOptions): Promise<void> {
  const { rules, frontier, log } = options
  if (rules.sitemaps.length > 0) {
    log(
      'info',
      `Found ${rules.sitemaps.length} sitemap${rules.sitemaps.length === 1 ? '' : 's'} in robots.txt`
    )
  }
  const sitemapPages = await discoverSitemapPages({
    siteUrl: options.siteUrl,
    listed: rules.sitemaps,
    fetcher: options.fetcher,
    isAllowed: (url) => rules.isAllowed(url),
    log,
    signal: options.signal
  })
  if (options.signal.aborted) return
  let queued = 0
  for (const url of sitemapPages) if (frontier.offer(url, 1, 'sitemap')) queued++
  log(
    'info',
    sitemapPages.length > 0
      ? `Sitemaps list ${sitemapPages.length} pages (${queued} to visit)`
      : 'No sitemap found: discovering pages by following links'
  )
}
