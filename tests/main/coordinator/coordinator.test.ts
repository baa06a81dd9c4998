import { readFileSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../../src/shared/api-error'
import { startFixtureSite, type FixtureSite } from '../../support/fixture-sites/start-fixture-site'
import { useFixtureSites } from '../../support/use-fixture-sites'
import { linkedBrandSite, sitemapBrandSite } from '../../support/brand-sites'
import {
  fixtureWorker,
  startCoordinator,
  type CoordinatorHarness
} from '../../support/coordinator-harness'

// Registered first so that its hook runs last, once the coordinator is down (hooks run as a stack).
const sites = useFixtureSites()
let harness: CoordinatorHarness | undefined

async function serve(routes: Parameters<typeof startFixtureSite>[0]): Promise<FixtureSite> {
  const site = await startFixtureSite(routes)
  sites.push(site)
  return site
}

afterEach(async () => {
  await harness?.close()
  harness = undefined
})

function productNames(h: CoordinatorHarness, brand?: string): string[] {
  return h.coordinator.store.products
    .list({
      brandId: brand ? h.coordinator.store.brands.findByName(brand)!.id : undefined,
      limit: 1000,
      offset: 0,
      sort: 'name',
      order: 'asc',
      includeMissing: true
    })
    .items.map((p) => p.name)
}

describe('the worker, as a real process under the coordinator', () => {
  it('once: scrapes the next brand in the queue through its sitemap index, never touching disallowed pages', async () => {
    const sitemapSite = sitemapBrandSite({ products: 6 })
    const site = await serve(sitemapSite.routes)
    const linked = await serve(linkedBrandSite().routes)
    harness = startCoordinator()
    const { coordinator } = harness
    coordinator.store.brands.add({ name: 'Sitemap Audio', website: site.url, priority: 2 })
    coordinator.store.brands.add({ name: 'Linked Audio', website: linked.url, priority: 1 })

    const [pid] = coordinator.start('once', 0)
    expect(pid).toBeGreaterThan(0)
    expect(coordinator.status).toMatchObject({ is_running: true, mode: 'once' })
    const status = await coordinator.whenIdle()

    expect(status).toMatchObject({ state: 'stopped', is_running: false })
    expect(status.last_exit).toMatchObject({ code: 0, crashed: false })
    expect(productNames(harness, 'Sitemap Audio')).toEqual(
      sitemapSite.products.map((p) => p.name).sort()
    )
    expect(productNames(harness, 'Linked Audio')).toEqual([])
    for (const path of sitemapSite.disallowed) expect(site.requests).not.toContain(path)
    const [run] = coordinator.store.runs.list({ limit: 10 })
    expect(run).toMatchObject({
      brandName: 'Sitemap Audio',
      status: 'succeeded',
      trigger: 'once',
      productsNew: 6
    })
    expect(run!.pagesVisited).toBeGreaterThanOrEqual(6)
    const product = coordinator.store.products.list({
      q: 'Sitemap Monitor 3',
      limit: 1,
      offset: 0,
      sort: 'name',
      order: 'asc',
      includeMissing: true
    }).items[0]
    expect(product).toMatchObject({
      price: 30.5,
      currency: 'EUR',
      sku: 'FW-0003',
      availability: 'InStock'
    })
    // Progress and log lines reached subscribers while it ran, and the log file has them too.
    expect(harness.events.some((e) => e.event === 'progress')).toBe(true)
    expect(
      harness.events.some(
        (e) =>
          e.event === 'log' &&
          String((e.payload as { message: string }).message).includes('succeeded')
      )
    ).toBe(true)
    expect(readFileSync(join(dirname(harness.dbPath), 'brand-scraper.log'), 'utf8')).toMatch(
      /Sitemap Audio: succeeded/
    )
  })

  it('brand: scrapes the named brand by following links to microdata products', async () => {
    const linkedSite = linkedBrandSite(4)
    const linked = await serve(linkedSite.routes)
    harness = startCoordinator()
    const { coordinator } = harness
    coordinator.store.brands.add({ name: 'Other', website: 'http://127.0.0.1:9/', priority: 9 })
    coordinator.store.brands.add({ name: 'Linked Audio', website: linked.url })

    expect(() => coordinator.scrapeBrand('No Such Brand')).toThrow(/Unknown brand "No Such Brand"/)
    const started = coordinator.scrapeBrand('linked audio')
    expect(started.brand).toBe('Linked Audio')
    const status = await coordinator.whenIdle()
    expect(status.last_exit?.crashed).toBe(false)
    expect(productNames(harness, 'Linked Audio')).toEqual(
      linkedSite.products.map((p) => p.name).sort()
    )
    expect(linked.requests.some((path) => path.startsWith('/admin'))).toBe(false)
    expect(coordinator.store.runs.list({ limit: 5 }).map((r) => [r.brandName, r.trigger])).toEqual([
      ['Linked Audio', 'brand']
    ])
  })

  it('continuous: scrapes brands one after another, then waits for the next due one, and stops gracefully on request', async () => {
    const a = await serve(sitemapBrandSite({ products: 3, prefix: 'Alpha' }).routes)
    const b = await serve(linkedBrandSite(2).routes)
    harness = startCoordinator()
    const { coordinator } = harness
    coordinator.store.brands.add({ name: 'Alpha', website: a.url })
    coordinator.store.brands.add({ name: 'Beta', website: b.url })

    coordinator.start('continuous', 0.2)
    expect(() => coordinator.start('once', 0)).toThrow(ApiError)
    // Both scraped, it waits for the head of the queue to fall due (a day after its success)
    // instead of crawling the same sites again in a loop.
    const waiting = await harness.waitForStatus(
      (s) => s.next_brand !== null && s.current_brand === null,
      45_000
    )
    expect(waiting.next_brand).toBe('Alpha')
    expect(Date.parse(waiting.next_brand_at!)).toBeGreaterThan(Date.now() + 23 * 3_600_000)
    const stopping = coordinator.stop()
    expect(coordinator.status.state).toBe('stopping')
    await stopping
    expect(coordinator.status).toMatchObject({ state: 'stopped', is_running: false })
    expect(coordinator.status.last_exit).toMatchObject({ code: 0, crashed: false })

    let runs = coordinator.store.runs.list({ limit: 10 }).reverse()
    expect(runs.map((r) => [r.brandName, r.trigger, r.status])).toEqual([
      ['Alpha', 'continuous', 'succeeded'],
      ['Beta', 'continuous', 'succeeded']
    ])
    // `once` takes the head of the queue even before it is due: Alpha again, found unchanged.
    coordinator.start('once', 0)
    await coordinator.whenIdle()
    runs = coordinator.store.runs.list({ limit: 10 }).reverse()
    expect(runs[2]).toMatchObject({ brandName: 'Alpha', trigger: 'once', status: 'succeeded' })
    expect(runs[2]).toMatchObject({ productsNew: 0, productsUnchanged: 3 })
    expect(
      harness.events.some(
        (e) => e.event === 'status' && (e.payload as { next_brand_at: string | null }).next_brand_at
      )
    ).toBe(true)
  })

  it('stop in the middle of a run marks it stopped, keeps what was saved, and exits 0', async () => {
    const slow = sitemapBrandSite({ products: 40, productDelayMs: 300 })
    const site = await serve(slow.routes)
    harness = startCoordinator()
    const { coordinator } = harness
    coordinator.store.brands.add({ name: 'Slow Audio', website: site.url })

    coordinator.start('once', 0)
    await harness.waitFor(
      () => coordinator.store.products.countForBrand(1).total >= 2,
      30_000,
      'two products'
    )
    await coordinator.stop()

    // It stopped by itself within the stop timeout: it was not killed.
    expect(
      harness.events.some(
        (e) => e.event === 'log' && /was killed/.test((e.payload as { message: string }).message)
      )
    ).toBe(false)
    expect(coordinator.status.last_exit).toMatchObject({ code: 0, crashed: false })
    const [run] = coordinator.store.runs.list({ limit: 1 })
    expect(run).toMatchObject({ status: 'stopped' })
    const saved = coordinator.store.products.countForBrand(1).total
    expect(saved).toBeGreaterThanOrEqual(2)
    expect(saved).toBeLessThan(40)
    expect(run!.productsFound).toBe(saved)
    // A stopped run is incomplete: nothing is flagged missing.
    expect(coordinator.store.products.countForBrand(1).missing).toBe(0)
  })

  it('SIGKILL mid-run: saved products survive, the run is interrupted, the crash is reported and queries keep working', async () => {
    const slow = sitemapBrandSite({ products: 40, productDelayMs: 250 })
    const site = await serve(slow.routes)
    harness = startCoordinator()
    const { coordinator } = harness
    coordinator.store.brands.add({ name: 'Doomed Audio', website: site.url })

    const [pid] = coordinator.start('once', 0)
    await harness.waitFor(
      () => coordinator.store.products.countForBrand(1).total >= 3,
      30_000,
      'three products'
    )
    const savedBeforeKill = coordinator.store.products
      .list({ limit: 1000, offset: 0, sort: 'name', order: 'asc', includeMissing: true })
      .items.map((p) => p.url)
    process.kill(pid!, 'SIGKILL')

    const status = await harness.waitForStatus((s) => s.state === 'crashed')
    expect(status.last_exit).toMatchObject({ signal: 'SIGKILL', crashed: true })
    expect(status.is_running).toBe(false)
    const after = coordinator.store.products
      .list({ limit: 1000, offset: 0, sort: 'name', order: 'asc', includeMissing: true })
      .items.map((p) => p.url)
    expect(after).toEqual(expect.arrayContaining(savedBeforeKill))
    const [run] = coordinator.store.runs.list({ limit: 1 })
    expect(run).toMatchObject({ status: 'interrupted' })
    expect(run!.workerId).toMatch(new RegExp(`-${pid}-`))
    expect(run!.message).toMatch(/crashed \(killed by SIGKILL\)/)
    const lines = harness.events
      .filter((e) => e.event === 'log')
      .map((e) => (e.payload as { message: string }).message)
    // The run, its brand and its worker are named; the cause is said once, on the crash line.
    expect(lines).toContain(
      `Run ${run!.id} of Doomed Audio was interrupted: worker ${run!.workerId} (pid ${pid}) ended without finishing it.`
    )
    expect(lines).toContain(
      `The worker (pid ${pid}) crashed (killed by SIGKILL). Saved products are kept.`
    )
    expect(lines.filter((line) => /SIGKILL.*SIGKILL/.test(line))).toEqual([])
    // Its registration and claim went with it: the brand is free at once, not after the lease.
    expect(coordinator.store.workers.list()).toEqual([])
    expect(coordinator.store.claims.holder(run!.brandId)).toBeUndefined()
    // The coordinator still answers, and a new worker can start.
    expect((await coordinator.handlers.brands.list({}))[0]).toMatchObject({ name: 'Doomed Audio' })
    expect(coordinator.handlers.worker.status({})).toMatchObject({ state: 'crashed' })
  })

  it('continuous: restarts a crashed worker with backoff, and gives up after too many crashes', async () => {
    const slow = sitemapBrandSite({ products: 40, productDelayMs: 300 })
    const site = await serve(slow.routes)
    harness = startCoordinator({ restartPolicy: { initialDelayMs: 200, maxCrashes: 2 } })
    const { coordinator } = harness
    coordinator.store.brands.add({ name: 'Flaky Audio', website: site.url })

    const [firstPid] = coordinator.start('continuous', 1)
    await harness.waitForStatus((s) => s.state === 'running')
    process.kill(firstPid!, 'SIGKILL')
    const restarted = await harness.waitForStatus(
      (s) => s.pid !== null && s.pid !== firstPid,
      20_000
    )
    expect(restarted.recent_crashes).toBe(1)
    await harness.waitForStatus((s) => s.state === 'running')
    process.kill(restarted.pid!, 'SIGKILL')
    const gaveUp = await harness.waitForStatus((s) => s.gave_up !== null)
    expect(gaveUp.gave_up).toMatch(/crashed 2 times/)
    expect(gaveUp.is_running).toBe(false)
    // Idle at once: no worker runs and no restart is pending.
    expect(await coordinator.whenIdle()).toMatchObject({ pid: null, state: 'crashed' })
  })

  it('no enabled brand is an idle end with a notice saying what to do, not a crash', async () => {
    harness = startCoordinator()
    const { coordinator } = harness
    coordinator.store.brands.update(
      coordinator.store.brands.add({ name: 'Off Audio', website: 'http://127.0.0.1:9/' }).id,
      { enabled: false }
    )
    const [pid] = coordinator.start('once', 0)
    const status = await coordinator.whenIdle()
    expect(status).toMatchObject({ state: 'stopped', is_running: false, gave_up: null })
    expect(status.notice).toMatch(/no enabled brand to scrape\. Add one/)
    expect(status.last_exit).toMatchObject({ code: 0, crashed: false })
    const logs = coordinator.store.logs.list({ limit: 100 })
    expect(logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([])
    // Said once, by the worker; the coordinator's line does not repeat it.
    expect(logs.filter((l) => l.message === status.notice)).toHaveLength(1)
    expect(logs.map((l) => l.message)).toContain(
      `The worker (pid ${pid}) had nothing to do and exited.`
    )
    // The status says so until the next start.
    coordinator.start('once', 0)
    expect(coordinator.status.notice).toBeNull()
    await coordinator.whenIdle()
  })
})

describe('the coordinator, with a stand-in worker', () => {
  it('a stop while a crashed worker waits to restart cancels the restart', async () => {
    harness = startCoordinator({
      ...fixtureWorker('crash'),
      restartPolicy: { initialDelayMs: 60_000 }
    })
    const { coordinator } = harness
    coordinator.start('continuous', 1)
    const crashed = await harness.waitForStatus((s) => s.state === 'crashed')
    expect(crashed).toMatchObject({ recent_crashes: 1, is_running: false })
    const idle = coordinator.whenIdle()
    expect(await coordinator.stop()).toBe('not_running')
    expect(await idle).toMatchObject({ state: 'stopped', pid: null })
    expect(
      harness.events.some(
        (e) =>
          e.event === 'log' &&
          /restarting in 60 s \(crash 1 of 5\)/.test((e.payload as { message: string }).message)
      )
    ).toBe(true)
  })

  it('writes its own log lines to the catalog, the log file and subscribers alike', async () => {
    harness = startCoordinator(fixtureWorker('run'))
    const { coordinator } = harness
    coordinator.log('warn', 'Disk almost full.', 'Some Brand')
    const [stored] = coordinator.store.logs.list({ limit: 1 })
    expect(stored).toMatchObject({
      level: 'warn',
      source: 'coordinator',
      brand: 'Some Brand',
      message: 'Disk almost full.'
    })
    expect(harness.events.at(-1)).toEqual({ event: 'log', payload: stored })
    await coordinator.shutdown()
    expect(readFileSync(join(dirname(harness.dbPath), 'brand-scraper.log'), 'utf8')).toMatch(
      /WARN {2}coordinator \[Some Brand\] Disk almost full\.\n$/
    )
  })
})
