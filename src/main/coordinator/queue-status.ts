import { sleep } from '../../shared/sleep'
import type { WorkerMode } from '../../shared/worker-mode'
import type { CatalogStore } from '../../store/catalog-store'
import type { IngestOutcome } from '../../store/queue-ingest'
import { launchedStatus, type WorkerStatusState } from './worker-status-state'

/**
 * The worker status of a coordinator in queue mode: `running` from Start or Scrape brand until
 * Stop, or, for `once` and one brand, until no job is left on the queue and no run is running;
 * the brand and progress are those remote workers reported last.
 */
export class QueueStatus {
  private mode: WorkerMode | null = null

  constructor(
    private readonly state: WorkerStatusState,
    private readonly store: CatalogStore,
    /** Jobs on the queue, waiting or taken. */
    private readonly jobsLeft: () => Promise<number>
  ) {
    state.updateQueue({})
  }

  get running(): boolean {
    return this.state.queueLaunch?.state === 'running'
  }

  /** Start (`once` or `continuous`) or Scrape brand queued jobs. */
  started(run: { mode: WorkerMode; delay?: number }, brand?: string): void {
    // A brand scraped while a launch runs does not end it.
    if (this.running && this.mode !== 'brand' && run.mode === 'brand') return
    this.mode = run.mode
    this.state.update(launchedStatus(run))
    this.state.updateQueue({ state: 'running', current_brand: brand ?? null, progress: null })
  }

  stopped(): void {
    this.state.updateQueue({ state: 'stopped', current_brand: null, progress: null })
  }

  /** What a batch from the results stream changed. */
  committed(outcome: IngestOutcome): void {
    const last = outcome.progress.at(-1)
    const begun = outcome.started.at(-1)
    if (begun) this.state.updateQueue({ current_brand: begun.brandName, progress: null })
    if (last) this.state.updateQueue({ current_brand: last.brand, progress: last })
    const current = this.state.queueLaunch?.current_brand
    if (outcome.finished.some((run) => run.brandName === current)) {
      this.state.updateQueue({ current_brand: null, progress: null })
    }
    if (outcome.finished.length > 0 && this.mode !== 'continuous') void this.endWhenDone()
  }

  /**
   * A `once` or one-brand launch ends when its last job is done. A worker reports its run's end
   * before it completes the job: a job still taken with no run running is asked about again.
   */
  private async endWhenDone(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (!this.running || this.mode === 'continuous' || this.runsRunning()) return
      const left = await this.jobsLeft().catch(() => 1)
      if (left === 0 && this.running && !this.runsRunning()) {
        return this.stopped()
      }
      await sleep(500)
    }
  }

  private runsRunning(): boolean {
    return (
      this.store.db.prepare(`SELECT 1 FROM runs WHERE status = 'running' LIMIT 1`).get() !==
      undefined
    )
  }
}
