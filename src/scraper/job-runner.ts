import { crawlOverridesSchema, type Brand } from '../shared/brand'
import { emptyRunCounts, type RunCounts, type RunStatus, type RunTrigger } from '../shared/run'
import type { WorkerProgress } from '../shared/worker-status'
import type { WorkerMessage, WorkerRunConfig } from '../shared/worker-protocol'
import type { CatalogStore } from '../store/catalog-store'
import { sleep } from '../shared/sleep'
import type { CrawlContext, CrawlResult } from './crawl/crawl-context'
import type { BrowserProvider } from './fetch/browser-provider'
import type { CatalogLogger } from '../store/catalog-logger'

/** Crawls one brand; the real one is `crawlBrand`, tests of the runner alone may pass another. */
export type CrawlFunction = (context: CrawlContext) => Promise<CrawlResult>

/** What a {@link JobRunner} works with. */
export interface JobRunnerOptions {
  store: CatalogStore
  config: WorkerRunConfig
  logger: CatalogLogger
  browser: BrowserProvider
  crawl: CrawlFunction
  /** Messages for the coordinator: run and progress events. */
  send(message: WorkerMessage): void
  /** Minimum milliseconds between two progress messages. Default: 200. */
  progressIntervalMs?: number
}

/** How the runner ended: `error` says why it could not do its work. */
export interface JobOutcome {
  error: string | null
}

/**
 * The job runner: picks brands by mode, runs each brand's crawl, and records runs. It knows
 * nothing about browsers or pages; the crawl does.
 *
 * - `continuous`: the next brand in the queue, then waits `delay`, forever until stopped.
 * - `once`: the next brand in the queue, then returns.
 * - `brand`: the named brand, then returns.
 */
export class JobRunner {
  constructor(private readonly options: JobRunnerOptions) {}

  async run(signal: AbortSignal): Promise<JobOutcome> {
    const { store, config, logger } = this.options
    if (config.mode === 'brand') {
      const brand = config.brandId ? store.brands.get(config.brandId) : undefined
      if (!brand) {
        return { error: `Brand ${config.brandId ?? '(none)'} is no longer in the catalog.` }
      }
      await this.scrape(brand, 'brand', signal)
      return { error: null }
    }

    if (config.mode === 'once') {
      const brand = store.brands.next()
      if (!brand) return { error: noBrandsMessage }
      await this.scrape(brand, 'once', signal)
      return { error: null }
    }

    logger.write('info', `Continuous mode: one brand after another, ${config.delay} s apart.`)
    // Rounds: every enabled brand once, by priority, before any brand comes again.
    let roundStartedAt = new Date().toISOString()
    while (!signal.aborted) {
      let brand = store.brands.next({ scrapedBefore: roundStartedAt })
      if (!brand) {
        roundStartedAt = new Date().toISOString()
        brand = store.brands.next({ scrapedBefore: roundStartedAt })
      }
      if (brand) await this.scrape(brand, 'continuous', signal)
      else logger.write('warn', noBrandsMessage)
      if (signal.aborted) break
      const until = new Date(Date.now() + config.delay * 1000)
      this.options.send({ type: 'waiting', until: until.toISOString() })
      logger.write('info', `Next brand in ${config.delay} s.`)
      await sleep(config.delay * 1000, signal)
    }
    return { error: null }
  }

  /** Scrapes one brand as one run; never throws for a site's failure. */
  private async scrape(brand: Brand, trigger: RunTrigger, signal: AbortSignal): Promise<void> {
    const { store, logger, config, send } = this.options
    const run = store.runs.start(brand.id, trigger)
    const log = logger.scoped({ brand: brand.name, runId: run.id })
    send({ type: 'brand-started', brand: brand.name, runId: run.id })
    log('info', `Scraping ${brand.name} (${brand.website}), run ${run.id}.`)

    const counts: RunCounts = emptyRunCounts()
    const progress: WorkerProgress = {
      brand: brand.name,
      runId: run.id,
      pagesDiscovered: 0,
      pagesVisited: 0,
      productsFound: 0,
      productsNew: 0,
      productsUpdated: 0,
      errorCount: 0,
      currentUrl: null,
      startedAt: run.startedAt
    }
    const reporter = new ProgressReporter(this.options.progressIntervalMs ?? 200, () => {
      store.runs.saveCounts(run.id, counts)
      send({ type: 'progress', progress: { ...progress } })
    })

    const context: CrawlContext = {
      brand,
      overrides: crawlOverridesSchema.parse(config),
      signal,
      browser: this.options.browser,
      saveProduct: (url, product) => {
        const outcome = store.products.save(brand.id, run.id, url, product)
        counts.productsFound++
        if (outcome === 'new') counts.productsNew++
        else if (outcome === 'updated') counts.productsUpdated++
        else counts.productsUnchanged++
        progress.productsFound = counts.productsFound
        progress.productsNew = counts.productsNew
        progress.productsUpdated = counts.productsUpdated
        reporter.changed()
        return outcome
      },
      pagesDiscovered: (total) => {
        progress.pagesDiscovered = total
        reporter.changed()
      },
      pageStarted: (url) => {
        progress.currentUrl = url
        reporter.changed()
      },
      pageDone: (_url, outcome) => {
        counts.pagesVisited++
        if (outcome === 'failed') counts.errorCount++
        progress.pagesVisited = counts.pagesVisited
        progress.errorCount = counts.errorCount
        reporter.changed()
      },
      log,
      fetchStrategy: {
        get: () => store.brands.fetchStrategy(brand.id),
        set: (strategy) => store.brands.rememberFetchStrategy(brand.id, strategy)
      }
    }

    let status: Exclude<RunStatus, 'running'>
    let message: string | null = null
    try {
      const result = await this.options.crawl(context)
      if (result.fatal) {
        status = 'failed'
        message = result.fatal
        log('error', `${brand.name} failed: ${result.fatal}`)
      } else if (signal.aborted) {
        status = 'stopped'
        message = 'Stopped by the user.'
      } else {
        status = 'succeeded'
        if (result.complete) {
          counts.productsMissing = store.products.markMissing(brand.id, run.id)
          if (counts.productsMissing > 0) {
            log('info', `${counts.productsMissing} products were not found again; flagged missing.`)
          }
        }
      }
    } catch (error) {
      status = signal.aborted ? 'stopped' : 'failed'
      message = error instanceof Error ? error.message : String(error)
      log('error', `${brand.name} failed: ${message}`)
    }

    reporter.flush()
    store.runs.finish(run.id, status, message)
    log(
      status === 'succeeded' || status === 'stopped' ? 'info' : 'warn',
      `${brand.name}: ${status}. ${counts.pagesVisited} pages, ${counts.productsFound} products ` +
        `(${counts.productsNew} new, ${counts.productsUpdated} updated, ` +
        `${counts.productsUnchanged} unchanged), ${counts.errorCount} errors.`
    )
    send({ type: 'brand-finished', brand: brand.name, runId: run.id, status, message })
  }
}

const noBrandsMessage =
  'There is no enabled brand to scrape. Add one (`brands add NAME URL`) or enable one.'

/** Coalesces progress so a fast crawl sends a few messages a second, not one per event. */
class ProgressReporter {
  private timer: NodeJS.Timeout | null = null
  private last = 0

  constructor(
    private readonly intervalMs: number,
    private readonly emit: () => void
  ) {}

  changed(): void {
    if (this.timer) return
    const wait = Math.max(0, this.last + this.intervalMs - Date.now())
    this.timer = setTimeout(() => this.flush(), wait)
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.last = Date.now()
    this.emit()
  }
}
