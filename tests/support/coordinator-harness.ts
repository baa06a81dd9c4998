import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ApiEvents } from '../../src/shared/api-contract'
import type { RunRecord } from '../../src/shared/run'
import type { WorkerStatus } from '../../src/shared/worker-status'
import { Coordinator, type CoordinatorOptions } from '../../src/main/coordinator/coordinator'
import { nodeWorkerTransport } from '../../src/main/coordinator/node-worker-transport'
import { allowListedEnv } from '../../src/main/coordinator/worker-env'
import { makeTempDir } from './temp-dir'

/** A real coordinator on a temp catalog, starting real worker processes, recording its events. */
export interface CoordinatorHarness {
  coordinator: Coordinator
  dbPath: string
  events: Array<{ event: keyof ApiEvents; payload: unknown }>
  /** Resolves with the current status, or the first status event, that passes `test`. */
  waitForStatus(test: (status: WorkerStatus) => boolean, timeoutMs?: number): Promise<WorkerStatus>
  /**
   * Resolves with `check()` once it is truthy, checking again on every event of the coordinator
   * (and now and then, for what the worker writes to the catalog between its events).
   */
  waitFor<T>(
    check: () => T | undefined | false | null,
    timeoutMs?: number,
    what?: string
  ): Promise<T>
  close(): Promise<void>
}

/** The stand-in worker of tests/support/fixture-worker.mjs. */
export const fixtureWorkerEntry = fileURLToPath(new URL('./fixture-worker.mjs', import.meta.url))

/** What the stand-in worker does: see tests/support/fixture-worker.mjs. */
export type FixtureWorkerBehaviour = 'run' | 'crash' | 'refuse' | 'idle' | 'ignore-stop' | 'garbage'

/** Coordinator options that start the stand-in worker instead of the scraper. */
export function fixtureWorker(
  behaviour: FixtureWorkerBehaviour = 'run'
): Pick<CoordinatorOptions, 'workerTransport' | 'workerEnv'> {
  return {
    workerTransport: nodeWorkerTransport({ entry: fixtureWorkerEntry }),
    workerEnv: { ...allowListedEnv(), FIXTURE_WORKER: behaviour }
  }
}

/**
 * Pairs of runs of the same brand that overlapped in time (a run still running counts as open):
 * what claims must make impossible. Empty when every brand was scraped by one worker at a time.
 */
export function overlappingRuns(runs: RunRecord[]): Array<[RunRecord, RunRecord]> {
  const pairs: Array<[RunRecord, RunRecord]> = []
  for (const [i, a] of runs.entries()) {
    for (const b of runs.slice(i + 1)) {
      if (a.brandId === b.brandId && ranTogether(a, b)) pairs.push([a, b])
    }
  }
  return pairs
}

/** Whether two runs (of any brands) were under way at the same time. */
export function ranTogether(a: RunRecord, b: RunRecord): boolean {
  const end = (run: RunRecord): number => (run.endedAt ? Date.parse(run.endedAt) : Infinity)
  return Date.parse(a.startedAt) < end(b) && Date.parse(b.startedAt) < end(a)
}

export function startCoordinator(options: Partial<CoordinatorOptions> = {}): CoordinatorHarness {
  const temp = makeTempDir()
  const dbPath = join(temp.dir, 'catalog.db')
  const coordinator = Coordinator.open({
    dbPath,
    workerTransport: nodeWorkerTransport(),
    logFile: join(temp.dir, 'brand-scraper.log'),
    runOverrides: { minDelayMs: 0 },
    // Registry changes (a worker appearing, a stop request) show within a fraction of a second;
    // the lease stays long enough that a busy test machine does not lapse a live worker.
    heartbeatMs: 250,
    leaseMs: 5000,
    registryPollMs: 200,
    ...options
  })
  const events: CoordinatorHarness['events'] = []
  const checks = new Set<() => void>()
  coordinator.subscribe((event, payload) => {
    events.push({ event, payload })
    for (const check of checks) check()
  })

  function waitFor<T>(
    check: () => T | undefined | false | null,
    timeoutMs = 30_000,
    what = 'condition'
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearInterval(poll)
        clearTimeout(deadline)
        checks.delete(recheck)
      }
      const recheck = (): void => {
        let value: T | undefined | false | null
        try {
          value = check()
        } catch (error) {
          done()
          reject(error as Error)
          return
        }
        if (!value) return
        done()
        resolve(value)
      }
      const poll = setInterval(recheck, 100)
      const deadline = setTimeout(() => {
        done()
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))
      }, timeoutMs)
      checks.add(recheck)
      recheck()
    })
  }

  return {
    coordinator,
    dbPath,
    events,
    waitFor,
    waitForStatus: (test, timeoutMs = 30_000) =>
      waitFor(
        () => (test(coordinator.status) ? coordinator.status : undefined),
        timeoutMs,
        'status'
      ),
    close: async () => {
      await coordinator.shutdown()
      temp.cleanup()
    }
  }
}
