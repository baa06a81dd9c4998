import type { ExtractedProduct } from '../../shared/product'
import { parseJsonLd } from '../extract/extract-json-ld'
import { extractPage, type PageExtraction } from '../extract/extract-product'
import {
  isPageProblem,
  type LoadedPage,
  type PageLoader,
  type PageProblem
} from '../fetch/page-loader'
import { GateStoppedError } from '../fetch/politeness-gate'
import type { CrawlContext } from './crawl-context'
import type { CrawlFrontier, FrontierEntry } from './crawl-frontier'
import type { CrawlSettings } from './crawl-settings'
import { FetchStrategy, needsBrowser } from './fetch-strategy'
import type { JsonEndpointShortcut } from './json-endpoint-shortcut'
import type { SavedProducts } from './saved-products'

/** What a {@link PageProcessor} works with: the parts of one brand's crawl. */
export interface PageProcessorOptions {
  ctx: CrawlContext
  siteUrl: string
  settings: CrawlSettings
  frontier: CrawlFrontier
  loader: PageLoader
  strategy: FetchStrategy
  products: SavedProducts
  /** Reads products from the site's JSON endpoint once rendered pages show it. Default: none. */
  shortcut?: JsonEndpointShortcut
  /** Called after a page's links are queued, to report the frontier's growth. */
  discovered(): void
}

/** A loaded page with what the extractors found in it. */
interface ExtractedPage extends LoadedPage {
  extraction: PageExtraction
}

/**
 * Handles one page of a crawl, from the frontier to the catalog: loads it the way the strategy
 * says (falling back to HTTP when no browser can be had), opens a script-rendered HTTP copy again
 * in the browser, saves its product, and queues its links and next page. A page's failure is
 * logged and counted, never thrown.
 */
export class PageProcessor {
  /** Pages that failed for good. */
  errorCount = 0
  /** Why the home page could not be used, if it could not. */
  homeProblem: string | null = null

  /** Pages whose malformed JSON-LD was reported already (a page may be read twice). */
  private readonly badJsonLd = new Set<string>()

  constructor(private readonly options: PageProcessorOptions) {}

  /** Processes one page; never rejects. */
  async run(entry: FrontierEntry): Promise<void> {
    const { ctx } = this.options
    try {
      await this.process(entry)
    } catch (error) {
      if (error instanceof GateStoppedError || ctx.signal.aborted) return
      this.errorCount++
      ctx.log('error', `${entry.url} failed: ${(error as Error).message}`)
      ctx.pageDone(entry.url, 'failed')
    }
  }

  private async process(entry: FrontierEntry): Promise<void> {
    const { ctx, frontier, strategy, products } = this.options
    ctx.pageStarted(entry.url)
    const fromEndpoint = (await this.options.shortcut?.read(entry.url)) ?? null
    if (fromEndpoint != null && !fromEndpoint.check) {
      return this.savedFromEndpoint(entry, fromEndpoint.product)
    }
    const loaded = await this.load(entry)
    if (isPageProblem(loaded)) return this.problem(entry, loaded)
    let page = this.extract(loaded)
    if (page.finalUrl !== entry.url) {
      if (frontier.has(page.finalUrl) && products.has(page.finalUrl)) {
        ctx.log('debug', `Skipped ${entry.url}: redirects to ${page.finalUrl}, seen already`)
        ctx.pageDone(entry.url, 'skipped')
        return
      }
      frontier.markKnown(page.finalUrl)
    }
    if (
      page.via === 'http' &&
      needsBrowser(page, page.extraction, entry.source === 'start', this.options.siteUrl) &&
      this.options.loader.browserProblem == null
    ) {
      ctx.log('debug', `${page.finalUrl} looks rendered by scripts: opening it in the browser`)
      const rendered = await this.options.loader.loadWithBrowser(page.finalUrl, entry.url)
      if (isPageProblem(rendered)) {
        if (rendered.stopped === true) return
        ctx.log('warn', rendered.message)
      } else {
        page = this.extract(rendered)
        if (page.extraction.product != null) strategy.rescued()
      }
    }
    const product = page.extraction.product
    if (page.via === 'browser') {
      const responses = page.jsonResponses ?? []
      this.options.shortcut?.rendered(page.finalUrl, product, responses, fromEndpoint?.product)
    }
    if (product != null) {
      strategy.productFound(page.via)
      const sighting = {
        listedUrl: entry.url,
        finalUrl: page.finalUrl,
        declaredUrl: page.extraction.canonicalUrl
      }
      products.found(sighting, product)
    }
    for (const link of page.extraction.links) frontier.offer(link, entry.depth + 1, 'link')
    // Next pages of a category list are its continuation, not a level deeper.
    if (page.extraction.nextPageUrl != null)
      frontier.offer(page.extraction.nextPageUrl, entry.depth, 'pagination')
    this.options.discovered()
    ctx.pageDone(entry.url, product != null ? 'product' : 'not-product')
  }

  /** Saves a product read from the site's JSON endpoint, its page not loaded. */
  private savedFromEndpoint(entry: FrontierEntry, product: ExtractedProduct): void {
    const { ctx, products, strategy } = this.options
    strategy.productFound('browser')
    products.found({ listedUrl: entry.url, finalUrl: entry.url, declaredUrl: null }, product)
    ctx.log('debug', `${entry.url}: product read from the site's JSON endpoint`)
    ctx.pageDone(entry.url, 'product')
  }

  /** Loads a page the way the strategy says; HTTP is better than nothing without a browser. */
  private async load(entry: FrontierEntry): Promise<LoadedPage | PageProblem> {
    const { loader, strategy } = this.options
    const home = entry.source === 'start'
    if (strategy.mode === 'http') return loader.loadWithHttp(entry.url, home)
    const loaded = await loader.loadWithBrowser(entry.url)
    if (isPageProblem(loaded) && loader.browserProblem != null) {
      return loader.loadWithHttp(entry.url, home)
    }
    return loaded
  }

  private problem(entry: FrontierEntry, problem: PageProblem): void {
    const { ctx } = this.options
    if (problem.stopped === true) return
    if (entry.source === 'start') this.homeProblem = problem.message
    ctx.log(problem.level, problem.message)
    if (problem.outcome === 'failed') this.errorCount++
    ctx.pageDone(entry.url, problem.outcome)
  }

  private extract(page: LoadedPage): ExtractedPage {
    this.reportBadJsonLd(page)
    const extraction = extractPage(page.html, {
      url: page.finalUrl,
      selectors: this.options.settings.selectors
    })
    return { ...page, extraction }
  }

  /**
   * Says which page has JSON-LD that cannot be read even after the extractor's repairs: its
   * product data is lost, which the user should know rather than find a product missing.
   */
  private reportBadJsonLd(page: LoadedPage): void {
    if (this.badJsonLd.has(page.finalUrl)) return
    const blocks = [...page.html.matchAll(jsonLdBlock)].map((match) => match[1] ?? '')
    const bad = blocks.filter((text) => text.trim() !== '' && parseJsonLd(text) === undefined)
    if (bad.length === 0) return
    this.badJsonLd.add(page.finalUrl)
    this.options.ctx.log(
      'warn',
      `Malformed JSON-LD on ${page.finalUrl}: ${bad.length} of ${blocks.length} ` +
        `block${blocks.length === 1 ? '' : 's'} cannot be read as JSON, their data is ignored`
    )
  }
}

const jsonLdBlock =
  /<script\b[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi
