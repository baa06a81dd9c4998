import { crawlOverridesSchema } from '../shared/brand'
import { emptyRunCounts, type RunCounts, type RunStatus } from '../shared/run'
import type { WorkerProgress } from '../shared/worker-status'
import type { Claim } from '../store/brand-claims'
import type { CrawlContext, CrawlResult } from './crawl/crawl-context'
import { storedJsonEndpoint } from './crawl/stored-json-endpoint'
import type { WorkerMessage, WorkerRunConfig } from '../shared/worker-protocol'
import type { CatalogLogger } from '../store/catalog-logger'
import type { CatalogStore } from '../store/catalog-store'
import type { BrowserProvider } from './fetch/browser-provider'
import type { WorkerLease } from './worker-lease'

/** Crawls one brand; the real one is `crawlBrand`, tests of the runner alone may pass another. */
export type CrawlFunction = (context: CrawlContext) => Promise<CrawlResult>

/** What one brand's run works with. */
export interface BrandRunOptions {
  store: CatalogStore
  /** This worker's id in the catalog's registry. */
  workerId: string
  config: WorkerRunConfig
  logger: CatalogLogger
  browser: BrowserProvider
  crawl: CrawlFunction
  /** Messages for the coordinator: run and progress events. */
  send(message: WorkerMessage): void
  /** Minimum milliseconds between two progress messages. Default: 200. */
  progressIntervalMs?: number
  /** The worker's place in the registry, where progress is shown. */
  lease: WorkerLease
}

type Log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void

/**
 * One claimed brand scraped as one run: counts and progress kept as the crawl reports, written to
 * the run row and the registry a few times a second, and the run ended with an honest status.
 * Never throws for a site's failure.
 */
export class BrandRun {
  private readonly counts: RunCounts = emptyRunCounts()
  private readonly progress: WorkerProgress
  private readonly reporter: ProgressReporter
  private readonly log: Log

  constructor(
    private readonly claim: Claim,
    private readonly options: BrandRunOptions,
    private readonly signal: AbortSignal
  ) {
    const { brand, run } = claim
    this.log = options.logger.scoped({ brand: brand.name, runId: run.id })
    this.progress = {
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
    this.reporter = new ProgressReporter(options.progressIntervalMs ?? 200, () => {
      // One transaction, one commit (and one fsync) per tick for the run's counts and the
      // registry's view of them.
      options.store.db.transaction(() => {
        options.store.runs.saveCounts(run.id, this.counts)
        options.lease.report({ progress: this.progress })
      })()
      options.send({ type: 'progress', progress: { ...this.progress } })
    })
  }

  async run(): Promise<void> {
    const { brand, run, tookOver } = this.claim
    const { store, send } = this.options
    if (tookOver) {
      this.log(
        'warn',
        `Took ${brand.name} over from worker ${tookOver.workerId}, whose claim had expired` +
          (tookOver.run ? `; its run ${tookOver.run.id} is marked interrupted.` : '.')
      )
    }
    send({ type: 'brand-started', brand: brand.name, runId: run.id })
    this.log('info', `Scraping ${brand.name} (${brand.website}), run ${run.id}.`)

    let ending: { status: Exclude<RunStatus, 'running'>; message: string | null }
    try {
      ending = this.judge(await this.options.crawl(this.crawlContext()))
    } catch (error) {
      ending = this.judgeThrown(error)
    }
    const { status, message } = ending
    this.reporter.flush()
    store.runs.finish(run.id, status, message)
    const { counts } = this
    this.log(
      status === 'succeeded' || status === 'stopped' ? 'info' : 'warn',
      `${brand.name}: ${status}. ${counts.pagesVisited} pages, ${counts.productsFound} products ` +
        `(${counts.productsNew} new, ${counts.productsUpdated} updated, ` +
        `${counts.productsUnchanged} unchanged), ${counts.errorCount} errors, ` +
        `${counts.deadLinks} dead links.`
    )
    send({ type: 'brand-finished', brand: brand.name, runId: run.id, status, message })
  }

  /** The run's status from what the crawl returned. */
  private judge(result: CrawlResult): {
    status: Exclude<RunStatus, 'running'>
    message: string | null
  } {
    const { brand, run } = this.claim
    const { counts } = this
    if (result.fatal) {
      this.log('error', `${brand.name} failed: ${result.fatal}`)
      return { status: 'failed', message: result.fatal }
    }
    if (this.signal.aborted) return { status: 'stopped', message: 'Stopped by the user.' }
    if (counts.pagesVisited > 0 && pagesRead(counts) === 0) {
      const message = `No page of ${brand.website} could be read (${counts.errorCount} errors, ${counts.deadLinks} dead links).`
      this.log('error', `${brand.name} failed: ${message}`)
      return { status: 'failed', message }
    }
    // Only a run that saw every page it discovered may say what is gone.
    if (result.complete) {
      counts.productsMissing = this.options.store.products.markMissing(brand.id, run.startedAt)
      if (counts.productsMissing > 0) {
        this.log(
          'info',
          `${counts.productsMissing} products were not found again; flagged missing.`
        )
      }
    }
    return { status: 'succeeded', message: null }
  }

  /** The run's status when the crawl threw. */
  private judgeThrown(error: unknown): {
    status: Exclude<RunStatus, 'running'>
    message: string | null
  } {
    // A stop while the crawl starts (the browser launching, robots.txt loading) is a stop.
    if (this.signal.aborted) return { status: 'stopped', message: 'Stopped by the user.' }
    const message = error instanceof Error ? error.message : String(error)
    this.log('error', `${this.claim.brand.name} failed: ${message}`)
    return { status: 'failed', message }
  }

  private crawlContext(): CrawlContext {
    const { brand, run } = this.claim
    const { store, config, browser } = this.options
    const { counts, progress, reporter } = this
    return {
      brand,
      overrides: crawlOverridesSchema.parse(config),
      signal: this.signal,
      browser,
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
        if (outcome === 'dead') counts.deadLinks++
        progress.pagesVisited = counts.pagesVisited
        progress.errorCount = counts.errorCount
        reporter.changed()
      },
      log: this.log,
      fetchStrategy: {
        get: () => store.brands.fetchStrategy(brand.id),
        set: (strategy) => store.brands.rememberFetchStrategy(brand.id, strategy)
      },
      jsonEndpoint: storedJsonEndpoint(
        {
          get: () => store.brands.jsonEndpoint(brand.id),
          set: (text) => store.brands.rememberJsonEndpoint(brand.id, text)
        },
        brand.website
      )
    }
  }
}

/** Pages that were fetched and read: neither errors nor dead links. */
function pagesRead(counts: RunCounts): number {
  return counts.pagesVisited - counts.errorCount - counts.deadLinks
}

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
