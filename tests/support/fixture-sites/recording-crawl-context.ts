import type { Browser } from 'playwright'
import type { Brand, BrandSettings } from '../../../src/shared/brand'
import type { LogLevel } from '../../../src/shared/log-entry'
import type { ExtractedProduct } from '../../../src/shared/product'
import type { CrawlContext, PageOutcome } from '../../../src/scraper/crawl/crawl-context'
import type { BrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import type { CrawlOverrides } from '../../../src/shared/brand'

/** Options of `createRecordingContext`. */
export interface RecordingContextOptions {
  /** Brand settings. Default: none (the crawl's defaults). */
  settings?: BrandSettings
  /** Default: `{ minDelayMs: 0 }`, so tests do not wait on politeness. */
  overrides?: CrawlOverrides
  /** What `fetchStrategy.get()` answers. Default: null (nothing remembered). */
  strategy?: 'http' | 'browser' | null
  /** Default: a provider that refuses (and counts) launches, for tests that need no browser. */
  browser?: BrowserProvider
  /** Default: a fresh controller's signal (see `controller`). */
  signal?: AbortSignal
}

/** A `CrawlContext` whose callbacks record into arrays, and the arrays. */
export interface RecordingContext {
  ctx: CrawlContext
  controller: AbortController
  saved: Array<{ url: string; product: ExtractedProduct }>
  logs: Array<{ level: LogLevel; message: string }>
  started: string[]
  done: Array<{ url: string; outcome: PageOutcome }>
  discovered: number[]
  strategySets: Array<'http' | 'browser'>
  /** How many times the default browser provider was asked for a browser. */
  browserRequests: () => number
  /** Log messages joined by newlines, for `toContain`/`toMatch` assertions. */
  logText: () => string
}

/** A provider for tests that must not launch a browser: every `get()` fails, and is counted. */
export function refusingBrowserProvider(): BrowserProvider & { requests: number } {
  const provider = {
    requests: 0,
    get(): Promise<Browser> {
      provider.requests++
      return Promise.reject(new Error('no browser in this test'))
    },
    close: (): Promise<void> => Promise.resolve()
  }
  return provider
}

/** A crawl context for `website` that records everything the crawl reports. */
export function createRecordingContext(
  website: string,
  options: RecordingContextOptions = {}
): RecordingContext {
  const controller = new AbortController()
  const refusing = refusingBrowserProvider()
  const brand: Brand = {
    id: 1,
    name: 'Fixture Brand',
    website,
    enabled: true,
    priority: 0,
    settings: options.settings ?? {},
    lastScrapedAt: null,
    lastStatus: null,
    nextDueAt: null,
    createdAt: new Date().toISOString()
  }
  const recording: Omit<RecordingContext, 'ctx'> = {
    controller,
    saved: [],
    logs: [],
    started: [],
    done: [],
    discovered: [],
    strategySets: [],
    browserRequests: () => refusing.requests,
    logText: () => recording.logs.map((entry) => `${entry.level}: ${entry.message}`).join('\n')
  }
  const ctx: CrawlContext = {
    brand,
    overrides: options.overrides ?? { minDelayMs: 0 },
    signal: options.signal ?? controller.signal,
    browser: options.browser ?? refusing,
    saveProduct(url, product) {
      const seen = recording.saved.some((entry) => entry.url === url)
      recording.saved.push({ url, product })
      return seen ? 'unchanged' : 'new'
    },
    pagesDiscovered: (total) => recording.discovered.push(total),
    pageDone: (url, outcome) => recording.done.push({ url, outcome }),
    pageStarted: (url) => recording.started.push(url),
    log: (level, message) => recording.logs.push({ level, message }),
    fetchStrategy: {
      get: () => options.strategy ?? null,
      set: (strategy) => recording.strategySets.push(strategy)
    }
  }
  return { ctx, ...recording }
}
