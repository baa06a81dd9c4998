import { afterEach, describe, expect, it } from 'vitest'
import { Coordinator } from '../../../src/main/coordinator/coordinator'
import { nodeWorkerTransport } from '../../../src/main/coordinator/node-worker-transport'
import { ApiError } from '../../../src/shared/api-error'
import type { RunRecord } from '../../../src/shared/run'
import type { WorkerRecord } from '../../../src/shared/worker-record'
import { sitemapBrandSite } from '../../support/brand-sites'
import {
  overlappingRuns,
  ranTogether,
  startCoordinator,
  type CoordinatorHarness
} from '../../support/coordinator-harness'
import { startFixtureSite } from '../../support/fixture-sites/start-fixture-site'
import { useFixtureSites } from '../../support/use-fixture-sites'

// Registered first so that its hook runs last, once the coordinators are down (hooks stack).
const sites = useFixtureSites()
let harness: CoordinatorHarness | undefined
let other: Coordinator | undefined

afterEach(async () => {
  await other?.shutdown()
  other = undefined
  await harness?.close()
  harness = undefined
})

/** Brands on fixture sites whose product pages answer slowly, so that runs last a while. */
async function addSlowBrands(
  h: CoordinatorHarness,
  names: string[],
  options: { products: number; productDelayMs: number }
): Promise<void> {
  for (const name of names) {
    const site = await startFixtureSite(sitemapBrandSite({ ...options, prefix: name }).routes)
    sites.push(site)
    h.coordinator.store.brands.add({ name, website: site.url })
  }
}

function logLines(h: CoordinatorHarness): string[] {
  return h.events
    .filter((e) => e.event === 'log')
    .map((e) => (e.payload as { message: string }).message)
}

describe('several workers from one coordinator', () => {
  it('share the queue: different brands at once, never one brand twice, and Stop stops them all', async () => {
    harness = startCoordinator()
    const { coordinator } = harness
    const names = ['North', 'South', 'East', 'West', 'Centre']
    await addSlowBrands(harness, names, { products: 12, productDelayMs: 200 })

    const pids = coordinator.start('continuous', 0, 3)
    expect(new Set(pids).size).toBe(3)
    expect(coordinator.status).toMatchObject({ is_running: true, worker_count: 3, pid: pids[0] })
    expect(() => coordinator.start('once', 0)).toThrow(/3 workers are already running/)

    // Every worker is in the registry, and the status counts them.
    const registered = await harness.waitFor(
      () => {
        const workers = coordinator.handlers.workers.list({}) as { workers: WorkerRecord[] }
        return workers.workers.length === 3 && workers.workers
      },
      30_000,
      'three registered workers'
    )
    expect(registered.map((w) => w.pid).sort()).toEqual([...pids].sort())
    await harness.waitForStatus((s) => s.workers === 3)
    expect(harness.events.some((e) => e.event === 'workers')).toBe(true)

    const runs = await harness.waitFor(
      () => {
        const all = coordinator.store.runs.list({ limit: 50 })
        const done = all.filter((run) => run.status === 'succeeded')
        return new Set(done.map((run) => run.brandName)).size === names.length && all
      },
      60_000,
      'every brand scraped'
    )
    // Each brand once in the round (the next is due in a day), by more than one worker, at once.
    expect(runs.map((run) => run.brandName).sort()).toEqual([...names].sort())
    expect(overlappingRuns(runs)).toEqual([])
    expect(new Set(runs.map((run) => run.workerId)).size).toBeGreaterThanOrEqual(2)
    expect(runs.some((a) => runs.some((b) => a !== b && ranTogether(a, b)))).toBe(true)

    await coordinator.stop()
    expect(coordinator.status).toMatchObject({
      state: 'stopped',
      is_running: false,
      worker_count: 0,
      pid: null
    })
    expect(coordinator.store.workers.list()).toEqual([])
    await harness.waitForStatus((s) => s.workers === 0)
  })

  it('restart each crashed worker on its own backoff, stop one by id, and refuse a held brand naming its worker', async () => {
    harness = startCoordinator({ restartPolicy: { initialDelayMs: 200 } })
    const { coordinator } = harness
    // Runs of 60 slow pages outlast everything below, even on a busy machine.
    await addSlowBrands(harness, ['Red', 'Green', 'Blue'], { products: 60, productDelayMs: 300 })

    coordinator.start('continuous', 0, 2)
    const busy = (): WorkerRecord[] =>
      coordinator.store.workers.list().filter((worker) => worker.current_brand !== null)
    const [victim, survivor] = await harness.waitFor(
      () => busy().length === 2 && busy(),
      30_000,
      'both workers scraping'
    )

    // Another coordinator on the same catalog (as `serve` beside the app) sees both workers,
    // and may not start a second crawl of a brand one of them holds.
    other = Coordinator.open({ dbPath: harness.dbPath, workerTransport: nodeWorkerTransport() })
    expect(other.handlers.workers.list({})).toMatchObject({
      workers: expect.arrayContaining([
        expect.objectContaining({ id: victim!.id }),
        expect.objectContaining({ id: survivor!.id })
      ])
    })
    const held = survivor!.current_brand!
    expect(() => other!.scrapeBrand(held)).toThrow(ApiError)
    expect(() => other!.scrapeBrand(held)).toThrow(
      `${held} is being scraped by worker ${survivor!.id} (pid ${survivor!.pid} on ${survivor!.host})`
    )
    expect(other.status.is_running).toBe(false)

    const survivorRun = (): RunRecord | undefined =>
      coordinator.store.runs
        .list({ limit: 50 })
        .find((run) => run.workerId === survivor!.id && run.status === 'running')
    process.kill(victim!.pid, 'SIGKILL')
    const restarted = await harness.waitFor(
      () =>
        coordinator.store.workers
          .list()
          .find((worker) => worker.id !== survivor!.id && worker.id !== victim!.id),
      30_000,
      'a new worker in place of the killed one'
    )
    expect(restarted.pid).not.toBe(victim!.pid)
    expect(coordinator.status.recent_crashes).toBe(1)
    // The killed worker's run is interrupted; the other worker's live run is untouched.
    const victimRun = coordinator.store.runs
      .list({ limit: 50 })
      .find((run) => run.workerId === victim!.id)!
    expect(victimRun.status).toBe('interrupted')
    expect(survivorRun()).toBeDefined()
    expect(logLines(harness)).toContain(
      `Run ${victimRun.id} of ${victimRun.brandName} was interrupted: worker ${victim!.id} (pid ${victim!.pid}) ended without finishing it.`
    )
    expect(logLines(harness)).toContain(
      `The worker (pid ${victim!.pid}) crashed (killed by SIGKILL); restarting in 0.2 s (crash 1 of 5).`
    )

    // Stop one worker by its id: it ends its run as stopped; the other keeps working.
    expect(() => coordinator.stopWorker('no-such-worker')).toThrow(/no worker no-such-worker/)
    const survivorRunId = survivorRun()!.id
    expect(coordinator.handlers.workers.stop({ id: survivor!.id })).toEqual({
      status: 'stopping',
      id: survivor!.id
    })
    await harness.waitFor(
      () => !coordinator.store.workers.get(survivor!.id) && coordinator.status.worker_count === 1,
      30_000,
      'the survivor gone'
    )
    expect(coordinator.store.runs.get(survivorRunId)).toMatchObject({
      status: 'stopped',
      message: 'Stopped by the user.'
    })
    await harness.waitFor(() => coordinator.status.worker_count === 1, 30_000, 'one worker left')
    expect(coordinator.status).toMatchObject({ is_running: true, state: 'running' })
    expect(coordinator.store.workers.list().map((worker) => worker.id)).toEqual([restarted.id])

    await coordinator.stop()
    expect(overlappingRuns(coordinator.store.runs.list({ limit: 50 }))).toEqual([])
    expect(coordinator.status).toMatchObject({ state: 'stopped', worker_count: 0 })
  })
})
