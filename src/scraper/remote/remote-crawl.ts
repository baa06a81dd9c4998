import { randomUUID } from 'node:crypto'
import type { Brand } from '../../shared/brand'
import type { RemoteEntry, RemoteJob, RemoteProgress } from '../../shared/worker-protocol'
import type { CrawlContext, CrawlResult } from '../crawl/crawl-context'
import type { BrowserProvider } from '../fetch/browser-provider'
import type { RemoteLog } from './remote-log'

/** Crawls one brand; the real one is `crawlBrand`. */
export type RemoteCrawlFunction = (context: CrawlContext) => Promise<CrawlResult>

/** What one job's crawl works with. */
export interface RemoteCrawlOptions {
  workerId: string
  host: string
  leaseMs: number
  browser: BrowserProvider
  crawl: RemoteCrawlFunction
  log: RemoteLog
  send(entry: RemoteEntry): void
  /** Minimum milliseconds between two progress entries. Default: 500. */
  progressIntervalMs?: number
}

type Ending = { status: 'succeeded' | 'failed' | 'stopped'; message: string | null }

/**
 * One attempt at one queued brand on a worker without a catalog: the same crawl as a local
 * worker's, with every product, progress and log line sent to the coordinator through the
 * results stream instead of written to SQLite. The coordinator owns the run row; this attempt's
 * id ties the entries to it.
 */
export class RemoteCrawl {
  readonly attemptId = randomUUID()
  readonly progress: RemoteProgress = {
    pagesDiscovered: 0,
    pagesVisited: 0,
    productsFound: 0,
    errorCount: 0,
    deadLinks: 0,
    currentUrl: null
  }
  private timer: NodeJS.Timeout | null = null
  private lastProgress = 0
  private readonly brand: Brand

  constructor(
    private readonly job: RemoteJob,
    private readonly options: RemoteCrawlOptions,
    private readonly signal: AbortSignal
  ) {
    this.brand = {
      ...job.brand,
      enabled: true,
      priority: 0,
      lastScrapedAt: null,
      lastStatus: null,
      nextDueAt: null,
      createdAt: new Date().toISOString()
    }
  }

  get brandId(): number {
    return this.brand.id
  }

  /** Crawls the brand and reports its end; never throws for a site's failure. */
  async run(): Promise<Ending> {
    const { workerId, host, leaseMs, send } = this.options
    send({
      type: 'run-started',
      workerId,
      host,
      pid: process.pid,
      attemptId: this.attemptId,
      brandId: this.brand.id,
      startedAt: new Date().toISOString(),
      leaseMs
    })
    this.log('info', `Scraping ${this.brand.name} (${this.brand.website}).`)
    let ending: Ending
    let complete = false
    try {
      const result = await this.options.crawl(this.context())
      complete = result.complete
      ending = this.judge(result)
    } catch (error) {
      ending = this.signal.aborted
        ? { status: 'stopped', message: 'Stopped by the user.' }
        : { status: 'failed', message: error instanceof Error ? error.message : String(error) }
    }
    if (this.timer) clearTimeout(this.timer)
    const { progress } = this
    this.log(
      ending.status === 'succeeded' || ending.status === 'stopped' ? 'info' : 'warn',
      `${this.brand.name}: ${ending.status}${ending.message ? ` (${ending.message})` : ''}. ` +
        `${progress.pagesVisited} pages, ${progress.productsFound} products, ` +
        `${progress.errorCount} errors, ${progress.deadLinks} dead links.`
    )
    this.options.log.flush()
    send({
      type: 'run-finished',
      attemptId: this.attemptId,
      status: ending.status,
      message: ending.message,
      complete: complete && ending.status === 'succeeded',
      progress: { ...progress }
    })
    return ending
  }

  private judge(result: CrawlResult): Ending {
    if (result.fatal) return { status: 'failed', message: result.fatal }
    if (this.signal.aborted) return { status: 'stopped', message: 'Stopped by the user.' }
    const { pagesVisited, errorCount, deadLinks } = this.progress
    if (pagesVisited > 0 && pagesVisited - errorCount - deadLinks === 0) {
      return {
        status: 'failed',
        message: `No page of ${this.brand.website} could be read (${errorCount} errors, ${deadLinks} dead links).`
      }
    }
    return { status: 'succeeded', message: null }
  }

  private log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
    this.options.log.write(level, message, { brand: this.brand.name, attemptId: this.attemptId })
  }

  /** Sends progress a couple of times a second at most, not once per page. */
  private changed(): void {
    if (this.timer) return
    const wait = Math.max(
      0,
      this.lastProgress + (this.options.progressIntervalMs ?? 500) - Date.now()
    )
    this.timer = setTimeout(() => {
      this.timer = null
      this.lastProgress = Date.now()
      this.options.send({
        type: 'progress',
        attemptId: this.attemptId,
        progress: { ...this.progress }
      })
    }, wait)
  }

  private context(): CrawlContext {
    const { progress, job } = this
    let remembered = job.fetchStrategy
    return {
      brand: this.brand,
      overrides: job.overrides,
      signal: this.signal,
      browser: this.options.browser,
      saveProduct: (url, product) => {
        this.options.send({ type: 'product', attemptId: this.attemptId, url, product })
        progress.productsFound++
        this.changed()
        // Whether it is new is the catalog's to say, on the coordinator.
        return 'new'
      },
      pagesDiscovered: (total) => {
        progress.pagesDiscovered = total
        this.changed()
      },
      pageStarted: (url) => {
        progress.currentUrl = url
        this.changed()
      },
      pageDone: (_url, outcome) => {
        progress.pagesVisited++
        if (outcome === 'failed') progress.errorCount++
        if (outcome === 'dead') progress.deadLinks++
        this.changed()
      },
      log: (level, message) => this.log(level, message),
      fetchStrategy: {
        get: () => remembered,
        set: (strategy) => {
          remembered = strategy
          this.options.send({ type: 'fetch-strategy', brandId: this.brand.id, strategy })
        }
      }
    }
  }
}
