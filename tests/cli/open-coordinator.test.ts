import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Coordinator } from '../../src/main/coordinator/coordinator'
import { nodeWorkerTransport } from '../../src/main/coordinator/node-worker-transport'
import { SpareWorker } from '../../src/main/coordinator/spare-worker'
import { openCoordinator } from '../../src/cli/open-coordinator'
import { descendantPids, isRunning } from '../integration/process-table'
import { sitemapBrandSite } from '../support/brand-sites'
import { startFixtureSite } from '../support/fixture-sites/index'
import { makeTempDir } from '../support/temp-dir'
import { useFixtureSites } from '../support/use-fixture-sites'

// Registered first so that its hook runs last, once the coordinator is down (hooks run as a stack).
const sites = useFixtureSites()
let coordinator: Coordinator | undefined
const temps: Array<{ cleanup: () => void }> = []

afterEach(async () => {
  await coordinator?.shutdown()
  coordinator = undefined
  for (const temp of temps.splice(0)) temp.cleanup()
})

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 50))
}

describe('openCoordinator', () => {
  it('keeps a real worker ready that is no worker until a Scrape takes it, then another', async () => {
    const temp = makeTempDir('open-coordinator-')
    temps.push(temp)
    const spare = new SpareWorker(nodeWorkerTransport())
    coordinator = openCoordinator(join(temp.dir, 'catalog.db'), {
      runOverrides: { minDelayMs: 0 },
      spare
    })
    const site = await startFixtureSite(sitemapBrandSite({ products: 3, prefix: 'Spare' }).routes)
    sites.push(site)
    coordinator.store.brands.add({ name: 'Spare Audio', website: site.url })

    // Loaded and waiting: not registered, claiming nothing, not in the status, no request sent.
    expect(await spare.whenSpareReady()).toBe(true)
    const sparePid = spare.sparePid!
    expect(descendantPids(process.pid)).toContain(sparePid)
    expect(coordinator.store.workers.list()).toEqual([])
    expect(coordinator.status).toMatchObject({ is_running: false, workers: 0, pid: null })
    expect(coordinator.workerRunning).toBe(false)
    expect(site.requestLog).toEqual([])

    // The Scrape click takes it: the pid the API answers with is the spare's.
    expect(coordinator.scrapeBrand('Spare Audio')).toEqual({ pid: sparePid, brand: 'Spare Audio' })
    const status = await coordinator.whenIdle()
    expect(status.last_exit).toMatchObject({ crashed: false })
    const brand = coordinator.store.brands.requireByName('Spare Audio')
    expect(coordinator.store.runs.lastForBrand(brand.id)).toMatchObject({ status: 'succeeded' })
    expect(coordinator.store.products.countForBrand(brand.id).total).toBe(3)
    expect(site.requestLog[0]?.path).toBe('/robots.txt')

    // A new spare replaces it once it has ended; the shutdown ends that one too.
    await until(() => spare.sparePid !== undefined)
    const next = spare.sparePid!
    expect(next).not.toBe(sparePid)
    await coordinator.shutdown()
    coordinator = undefined
    expect(isRunning(next)).toBe(false)
    expect(descendantPids(process.pid).filter(isRunning)).toEqual([])
  })

  it('ends the spare when the catalog cannot be opened', async () => {
    const temp = makeTempDir('open-coordinator-')
    temps.push(temp)
    const spare = new SpareWorker(nodeWorkerTransport())
    const pid = spare.sparePid!
    expect(() => openCoordinator(join(temp.dir, 'missing', 'catalog.db'), { spare })).toThrow()
    await until(() => !isRunning(pid))
    expect(spare.sparePid).toBeUndefined()
  })

  it('keeps none ready where no local worker will run (serve --queue)', () => {
    const temp = makeTempDir('open-coordinator-')
    temps.push(temp)
    const before = descendantPids(process.pid).filter(isRunning)
    coordinator = openCoordinator(join(temp.dir, 'catalog.db'), { keepSpare: false })
    // A spare is forked as the coordinator opens: its pid would be there already.
    expect(descendantPids(process.pid).filter(isRunning)).toEqual(before)
  })
})
