import { brandSettingDefaults, type BrandSettings, type CrawlOverrides } from '../../shared/brand'
import type { LogLevel } from '../../shared/log-entry'
import { maxResponseBytes } from '../fetch/response-size-cap'

/** Defaults of a brand's crawl settings, when neither the run nor the brand sets them. */
export const crawlDefaults = {
  ...brandSettingDefaults,
  /** Per-page budget, HTTP or browser, in ms. */
  pageTimeoutMs: 20_000,
  /** Largest page accepted, in bytes. */
  maxPageBytes: maxResponseBytes,
  /** Redirects followed per page. */
  maxRedirects: 5,
  /** Pages per URL shape before the shape must yield a product (trap guard). */
  shapeCap: 200,
  /** How long in-flight pages get to finish once the user stops, in ms. */
  stopGraceMs: 2_000
} as const

/** What one crawl of one brand works with: the run's overrides over the brand's settings. */
export interface CrawlSettings {
  /** Pages in flight at once (at least 1). */
  concurrency: number
  /** Least time between the starts of two requests, in ms (robots.txt may raise it). */
  minDelayMs: number
  /** Pages fetched at most; more pages left means an incomplete run. */
  maxPages: number
  /** Deepest link depth followed from the home page. */
  maxDepth: number
  /** Compiled include patterns of the brand; empty means every page. */
  include: RegExp[]
  /** Compiled exclude patterns of the brand. */
  exclude: RegExp[]
  /** CSS selector overrides of the brand, for the extractors. */
  selectors: BrandSettings['selectors']
  /** Every page through the browser, asked for by the run. */
  browserOnly: boolean
}

/**
 * Resolves a crawl's settings: the run's overrides first, then the brand's settings, then
 * {@link crawlDefaults}. A pattern that does not compile is left out with a warning rather than
 * failing the run (settings saved before patterns were validated may hold one).
 */
export function resolveCrawlSettings(
  settings: BrandSettings,
  overrides: CrawlOverrides,
  log: (level: LogLevel, message: string) => void
): CrawlSettings {
  return {
    concurrency: Math.max(
      1,
      overrides.concurrency ?? settings.concurrency ?? crawlDefaults.concurrency
    ),
    minDelayMs: overrides.minDelayMs ?? settings.minDelayMs ?? crawlDefaults.minDelayMs,
    maxPages: overrides.maxPages ?? settings.maxPages ?? crawlDefaults.maxPages,
    maxDepth: settings.maxDepth ?? crawlDefaults.maxDepth,
    include: compilePatterns(settings.include, 'include', log),
    exclude: compilePatterns(settings.exclude, 'exclude', log),
    selectors: settings.selectors,
    browserOnly: overrides.browserOnly === true
  }
}

function compilePatterns(
  patterns: string[] | undefined,
  what: string,
  log: (level: LogLevel, message: string) => void
): RegExp[] {
  const compiled: RegExp[] = []
  for (const pattern of patterns ?? []) {
    try {
      compiled.push(new RegExp(pattern, 'i'))
    } catch (error) {
      log('warn', `Ignored the ${what} pattern ${pattern}: ${(error as Error).message}`)
    }
  }
  return compiled
}
