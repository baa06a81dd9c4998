import type { RunTrigger } from '../shared/run'
import type { Claim, ClaimRequest } from '../store/brand-claims'
import { sleep } from '../shared/sleep'
import { BrandRun, type BrandRunOptions } from './brand-run'
import { WorkerLease } from './worker-lease'

/** What a {@link JobRunner} works with: everything a brand's run needs but the lease it makes. */
export type JobRunnerOptions = Omit<BrandRunOptions, 'lease'>

/**
 * How the runner ended: `error` says why it could not do its work; `notice` says why there was
 * nothing to do (no enabled brand, every brand held by another worker) and what the user can do.
 */
export interface JobOutcome {
  error: string | null
  notice: string | null
}

/** How long a continuous worker with nothing due sleeps before looking at the queue again. */
const idleRecheckMs = 60_000

/**
 * The job runner: registers the worker, claims brands by mode, runs each brand's crawl, and
 * records runs. It knows nothing about browsers or pages; the crawl does.
 *
 * - `continuous`: the brands in queue order (never scraped first, then the earliest due), with at
 *   least `delay` seconds between them; when the head of the queue is not due yet, it waits until
 *   it is, instead of crawling manufacturers' sites in a loop. Forever, until stopped.
 * - `once`: the head of the queue, due or not (so repeated runs rotate through every brand).
 * - `brand`: the named brand.
 *
 * A brand is only scraped under a claim: another worker on the same catalog takes the next one.
 */
export class JobRunner {
  constructor(private readonly options: JobRunnerOptions) {}

  async run(stop: AbortSignal): Promise<JobOutcome> {
    const { store, config, logger } = this.options
    const lease = new WorkerLease({
      store,
      logger,
      workerId: this.options.workerId,
      mode: config.mode,
      heartbeatMs: config.heartbeatMs,
      leaseMs: config.leaseMs
    })
    const signal = AbortSignal.any([stop, lease.signal])
    try {
      lease.report({ state: 'running' })
      this.reap()
      if (config.mode === 'brand') return await this.runBrand(lease, signal)
      if (config.mode === 'once') return await this.runOnce(lease, signal)
      return await this.runContinuous(lease, signal)
    } finally {
      lease.end()
    }
  }

  private async runBrand(lease: WorkerLease, signal: AbortSignal): Promise<JobOutcome> {
    const { store, config } = this.options
    const brand = config.brandId ? store.brands.get(config.brandId) : undefined
    if (!brand) {
      return {
        error: `Brand ${config.brandId ?? '(none)'} is no longer in the catalog.`,
        notice: null
      }
    }
    const claim = store.claims.claimBrand(brand.id, this.claimRequest('brand'))
    if ('heldBy' in claim) {
      const { id, host, pid } = claim.heldBy
      return {
        error: null,
        notice: `${brand.name} is being scraped by worker ${id} (pid ${pid} on ${host}); not starting a second crawl of the same site.`
      }
    }
    await this.scrape(claim, lease, signal)
    return { error: null, notice: null }
  }

  private async runOnce(lease: WorkerLease, signal: AbortSignal): Promise<JobOutcome> {
    const claim = this.options.store.claims.claimNext(this.claimRequest('once'))
    if (!claim) return { error: null, notice: this.nothingToDo() }
    await this.scrape(claim, lease, signal)
    return { error: null, notice: null }
  }

  private async runContinuous(lease: WorkerLease, signal: AbortSignal): Promise<JobOutcome> {
    const { store, config, logger, send } = this.options
    logger.write(
      'info',
      `Continuous mode: brands as they fall due, at least ${config.delay} s apart.`
    )
    let idleSaid = false
    while (!signal.aborted) {
      this.reap()
      const claim = store.claims.claimNext(this.claimRequest('continuous'), {
        dueBy: new Date().toISOString()
      })
      if (claim) {
        idleSaid = false
        await this.scrape(claim, lease, signal)
        if (signal.aborted) break
        await this.wait(lease, signal, Date.now() + config.delay * 1000, null)
        continue
      }
      const next = store.claims.nextDue()
      if (!next) {
        if (!idleSaid) logger.write('info', this.nothingToDo())
        idleSaid = true
        await this.wait(lease, signal, this.lookAgainAt(Date.now() + idleRecheckMs), null, 'idle')
        continue
      }
      // Not due yet: wait for it (looking again now and then: brands may be added or edited).
      const dueAt = next.dueAt ? Date.parse(next.dueAt) : Date.now()
      const until = this.lookAgainAt(Math.min(dueAt, Date.now() + idleRecheckMs))
      if (!idleSaid) {
        logger.write('info', `Next: ${next.brand.name}, due ${next.dueAt ?? 'now'}.`)
        idleSaid = true
      }
      send({ type: 'waiting', until: new Date(dueAt).toISOString(), brand: next.brand.name })
      lease.report({ state: 'waiting', nextBrandId: next.brand.id, nextBrandAt: next.dueAt })
      await sleep(Math.max(0, until - Date.now()), signal)
    }
    return { error: null, notice: null }
  }

  /**
   * When a waiting worker should look at the queue again: at `at`, or sooner when another
   * worker's claim would expire first (if that worker died, its brand is due for a takeover).
   */
  private lookAgainAt(at: number): number {
    const expiry = this.options.store.claims.earliestExpiry(this.options.workerId)
    return expiry === null ? at : Math.min(at, Date.parse(expiry) + 1)
  }

  /**
   * Waits between brands (interrupted by a stop), telling the coordinator and the registry;
   * `idle` when there is nothing to wait for, only a look at the queue again.
   */
  private async wait(
    lease: WorkerLease,
    signal: AbortSignal,
    until: number,
    brand: string | null,
    state: 'waiting' | 'idle' = 'waiting'
  ): Promise<void> {
    const at = new Date(until).toISOString()
    this.options.send({ type: 'waiting', until: at, brand })
    lease.report({
      state,
      currentBrandId: null,
      progress: null,
      nextBrandId: null,
      nextBrandAt: state === 'idle' ? null : at
    })
    await sleep(Math.max(0, until - Date.now()), signal)
    lease.report({ state: 'running', nextBrandId: null, nextBrandAt: null })
  }

  /** Interrupts the runs of workers whose lease lapsed, saying whose. */
  private reap(): void {
    const { store, logger } = this.options
    const { lapsed, orphaned } = store.workers.reap()
    for (const worker of lapsed) {
      for (const run of worker.interrupted) {
        logger.write('warn', `Run ${run.id} of ${run.brandName} interrupted: ${worker.why}`, {
          brand: run.brandName,
          runId: run.id
        })
      }
    }
    for (const run of orphaned) {
      logger.write(
        'warn',
        `Run ${run.id} of ${run.brandName} was left running by a worker that ended; marked interrupted.`,
        { brand: run.brandName, runId: run.id }
      )
    }
  }

  private claimRequest(trigger: RunTrigger): ClaimRequest {
    const { config, workerId } = this.options
    return { workerId, leaseMs: config.leaseMs, trigger }
  }

  /** Why there is nothing to claim, and what the user can do. */
  private nothingToDo(): string {
    const enabled = this.options.store.brands.list().filter((brand) => brand.enabled).length
    return enabled === 0
      ? 'There is no enabled brand to scrape. Add one (`brands add NAME URL`) or enable one.'
      : `Every enabled brand is being scraped by another worker right now; nothing left for this one.`
  }

  /** Scrapes one claimed brand as one run, then releases the claim. */
  private async scrape(claim: Claim, lease: WorkerLease, signal: AbortSignal): Promise<void> {
    const { store, workerId } = this.options
    lease.report({
      state: 'running',
      currentBrandId: claim.brand.id,
      progress: null,
      nextBrandId: null,
      nextBrandAt: null
    })
    try {
      await new BrandRun(claim, { ...this.options, lease }, signal).run()
    } finally {
      store.claims.release(workerId, claim.brand.id)
      lease.report({ currentBrandId: null, progress: null })
    }
  }
}
