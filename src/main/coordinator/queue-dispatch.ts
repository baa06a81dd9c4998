import type { ScrapeQueue } from '../../queue/scrape-queue'
import { jobPriority } from '../../queue/scrape-queue'
import type { Brand, CrawlOverrides } from '../../shared/brand'
import type { StartMode } from '../../shared/worker-mode'
import type { RemoteJob } from '../../shared/worker-protocol'
import type { CatalogStore } from '../../store/catalog-store'

/** Options of {@link QueueDispatch}. */
export interface QueueDispatchOptions {
  /** Crawl settings sent with every job. Default: none. */
  overrides?: CrawlOverrides
  /** How often continuous mode looks for brands that fell due. Default: 5000 ms. */
  scheduleMs?: number
  log(level: 'info' | 'warn', message: string): void
}

/**
 * Puts scrape jobs on the queue as the coordinator's Start and Scrape brand ask, in the catalog's
 * queue order (never scraped first, then the earliest due, ties by priority) and with the
 * brand's priority as the job's. `continuous` keeps adding brands as they fall due.
 */
export class QueueDispatch {
  private timer: NodeJS.Timeout | null = null
  private scheduling = false

  constructor(
    private readonly store: CatalogStore,
    private readonly queue: ScrapeQueue,
    private readonly options: QueueDispatchOptions
  ) {}

  get active(): boolean {
    return this.timer !== null
  }

  /** `once`: every enabled brand, once. `continuous`: every due brand, now and as they fall due. */
  async start(mode: StartMode): Promise<number> {
    this.stopSchedule()
    if (mode === 'continuous') {
      this.timer = setInterval(() => void this.schedule(), this.options.scheduleMs ?? 5000)
      return this.schedule()
    }
    let added = 0
    for (const brand of this.queueOrder(false)) if (await this.add(brand, false)) added++
    return added
  }

  /** One brand now, before every scheduled one; false when it is queued or running already. */
  async scrapeBrand(brand: Brand): Promise<boolean> {
    return this.add(brand, true)
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Adds the brands due now; returns how many were added. */
  private async schedule(): Promise<number> {
    if (this.scheduling) return 0
    this.scheduling = true
    try {
      let added = 0
      for (const brand of this.queueOrder(true)) if (await this.add(brand, false)) added++
      if (added > 0) this.options.log('info', `Queued ${added} brand(s) that fell due.`)
      return added
    } catch (error) {
      this.options.log('warn', `Could not queue the due brands: ${(error as Error).message}`)
      return 0
    } finally {
      this.scheduling = false
    }
  }

  /**
   * Enabled brands in queue order; with `dueOnly`, those due now. A brand with a run still
   * running is left out: its end may not be committed yet, and with it its next due time.
   */
  private queueOrder(dueOnly: boolean): Brand[] {
    const now = new Date().toISOString()
    const running = new Set(
      (
        this.store.db
          .prepare(`SELECT DISTINCT brand_id FROM runs WHERE status = 'running'`)
          .all() as Array<{
          brand_id: number
        }>
      ).map((row) => row.brand_id)
    )
    return this.store.brands
      .list()
      .filter((brand) => brand.enabled && !running.has(brand.id))
      .filter((brand) => !dueOnly || brand.nextDueAt === null || brand.nextDueAt <= now)
      .sort(
        (a, b) =>
          Number(a.nextDueAt !== null) - Number(b.nextDueAt !== null) ||
          (a.nextDueAt ?? '').localeCompare(b.nextDueAt ?? '') ||
          b.priority - a.priority ||
          a.id - b.id
      )
  }

  private async add(brand: Brand, now: boolean): Promise<boolean> {
    const job: RemoteJob = {
      brand: { id: brand.id, name: brand.name, website: brand.website, settings: brand.settings },
      overrides: this.options.overrides ?? {},
      fetchStrategy: this.store.brands.fetchStrategy(brand.id)
    }
    return this.queue.add(job, jobPriority(brand.priority, now))
  }
}
