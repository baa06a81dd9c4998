import { join } from 'node:path'
import type { ApiEvents } from '../../src/shared/api-contract'
import type { WorkerStatus } from '../../src/shared/worker-status'
import { Coordinator, type CoordinatorOptions } from '../../src/main/coordinator/coordinator'
import { nodeWorkerTransport } from '../../src/main/coordinator/node-worker-transport'
import { makeTempDir } from './temp-dir'

/** A real coordinator on a temp catalog, starting real worker processes, recording its events. */
export interface CoordinatorHarness {
  coordinator: Coordinator
  dbPath: string
  events: Array<{ event: keyof ApiEvents; payload: unknown }>
  /** Resolves with the first status event that passes `test` (or the current status). */
  waitForStatus(test: (status: WorkerStatus) => boolean, timeoutMs?: number): Promise<WorkerStatus>
  /** Polls `check` until it returns a truthy value. */
  waitFor<T>(
    check: () => T | undefined | false | null,
    timeoutMs?: number,
    what?: string
  ): Promise<T>
  close(): Promise<void>
}

export function startCoordinator(options: Partial<CoordinatorOptions> = {}): CoordinatorHarness {
  const temp = makeTempDir()
  const dbPath = join(temp.dir, 'catalog.db')
  const coordinator = Coordinator.open({
    dbPath,
    workerTransport: nodeWorkerTransport(),
    logFile: join(temp.dir, 'brand-scraper.log'),
    runOverrides: { minDelayMs: 0 },
    ...options
  })
  const events: CoordinatorHarness['events'] = []
  coordinator.subscribe((event, payload) => events.push({ event, payload }))

  async function waitFor<T>(
    check: () => T | undefined | false | null,
    timeoutMs = 30_000,
    what = 'condition'
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const value = check()
      if (value) return value
      if (Date.now() > deadline)
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
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
