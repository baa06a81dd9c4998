import { describe, expect, it, vi } from 'vitest'
import { sleep } from '../../src/shared/sleep'
import type { WorkerMessage } from '../../src/shared/worker-protocol'
import type { CrawlFunction } from '../../src/scraper/brand-run'
import { deadPid, done, useRunnerHarness } from './job-runner-harness'

/** Tests of the job runner among other workers: claims, leases, the registry. */
const harness = useRunnerHarness()
const noStop = (): AbortSignal => new AbortController().signal

/** A crawl that runs until its run is stopped, then reports an incomplete crawl. */
const untilStopped: CrawlFunction = (ctx) =>
  new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(done(false))))

describe('JobRunner among other workers', () => {
  it('runs beside another runner on the same catalog file without scraping the same brand', async () => {
    const { store } = harness
    const names = ['A', 'B', 'C', 'D', 'E', 'F']
    names.forEach((name, index) =>
      store.brands.add({
        name,
        website: `https://${name.toLowerCase()}.test/`,
        priority: index % 3
      })
    )
    const active = new Set<string>()
    const overlaps: string[] = []
    const crawledBy: Record<string, string[]> = { one: [], two: [] }
    const crawlAs =
      (worker: string): CrawlFunction =>
      async (ctx) => {
        if (active.has(ctx.brand.name)) overlaps.push(ctx.brand.name)
        active.add(ctx.brand.name)
        crawledBy[worker]!.push(ctx.brand.name)
        await sleep(30)
        active.delete(ctx.brand.name)
        return done(true)
      }
    const stop = new AbortController()
    const sent: Record<string, WorkerMessage[]> = { one: [], two: [] }
    const runners = (['one', 'two'] as const).map((worker) =>
      harness
        .runner({ mode: 'continuous', delay: 0 }, crawlAs(worker), {
          workerId: worker,
          store: worker === 'one' ? store : harness.openOther(),
          sent: sent[worker]
        })
        .run(stop.signal)
    )
    // Every brand scraped once; then both wait for the next one due (in 24 h).
    await vi.waitFor(
      () =>
        expect(
          store.runs.list({ limit: 100 }).filter((run) => run.status === 'succeeded')
        ).toHaveLength(names.length),
      { timeout: 20_000, interval: 20 }
    )
    await vi.waitFor(
      () =>
        expect(store.workers.list().map((worker) => worker.state)).toEqual(['waiting', 'waiting']),
      { timeout: 5_000, interval: 20 }
    )
    stop.abort()
    expect(await Promise.all(runners)).toEqual([
      { error: null, notice: null },
      { error: null, notice: null }
    ])

    expect(overlaps).toEqual([])
    expect([...crawledBy.one!, ...crawledBy.two!].sort()).toEqual(names)
    expect(crawledBy.one!.length).toBeGreaterThan(0)
    expect(crawledBy.two!.length).toBeGreaterThan(0)
    // The runs table agrees: one run per brand, each by the worker that crawled it.
    const runs = store.runs.list({ limit: 100 })
    expect(runs).toHaveLength(names.length)
    for (const run of runs) expect(crawledBy[run.workerId!]).toContain(run.brandName)
    expect(store.workers.list()).toEqual([])
    expect(store.claims.holders().size).toBe(0)
  })

  it('stops within a heartbeat when any process asks through the registry', async () => {
    const { store, messages } = harness
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const coordinator = harness.openOther()
    const running = harness
      .runner({ mode: 'brand', brandId: krk.id, heartbeatMs: 50 }, untilStopped, {
        workerId: 'w-stop'
      })
      .run(noStop())
    await vi.waitFor(() => expect(coordinator.workers.get('w-stop')?.current_brand).toBe('KRK'), {
      timeout: 5_000,
      interval: 10
    })
    expect(coordinator.workers.requestStop('w-stop')).toBe(true)
    expect(await running).toEqual({ error: null, notice: null })
    expect(store.runs.lastForBrand(krk.id)).toMatchObject({
      status: 'stopped',
      message: 'Stopped by the user.',
      workerId: 'w-stop'
    })
    expect(messages()).toContain('Worker w-stop: a stop was asked for; stopping.')
    expect(coordinator.workers.list()).toEqual([])
    expect(coordinator.claims.holder(krk.id)).toBeUndefined()
  })

  it('stops when its registration is gone, leaving its run as the reaper marked it', async () => {
    const { store, messages } = harness
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const coordinator = harness.openOther()
    const running = harness
      .runner({ mode: 'brand', brandId: krk.id, heartbeatMs: 50 }, untilStopped, {
        workerId: 'w-late'
      })
      .run(noStop())
    await vi.waitFor(() => expect(coordinator.workers.get('w-late')?.current_brand).toBe('KRK'), {
      timeout: 5_000,
      interval: 10
    })
    // Another process judged its lease lapsed (a long pause, say) and expired it.
    coordinator.workers.expire('w-late', 'Its worker w-late missed its heartbeats for 15 s.')
    expect(await running).toEqual({ error: null, notice: null })
    expect(messages()).toContain(
      'Worker w-late lost its registration (its lease lapsed); stopping so that no brand is scraped twice.'
    )
    // Its late end does not overwrite the interruption.
    expect(store.runs.lastForBrand(krk.id)).toMatchObject({
      status: 'interrupted',
      message: 'Its worker w-late missed its heartbeats for 15 s.'
    })
  })

  it('interrupts the run of a worker whose process is gone, saying whose, and takes the brand', async () => {
    const { store, messages } = harness
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const pid = await deadPid()
    store.workers.register({ id: 'killed', pid, mode: 'continuous', leaseMs: 15_000 })
    const left = store.claims.claimNext({
      workerId: 'killed',
      leaseMs: 15_000,
      trigger: 'continuous'
    })!
    const crawled: string[] = []
    await harness
      .runner({ mode: 'once' }, async (ctx) => {
        crawled.push(ctx.brand.name)
        return done(true)
      })
      .run(noStop())
    expect(crawled).toEqual(['KRK'])
    expect(store.runs.get(left.run.id)).toMatchObject({
      status: 'interrupted',
      message: `Its worker killed (pid ${pid}) is gone.`
    })
    expect(messages()).toContain(
      `Run ${left.run.id} of KRK interrupted: Its worker killed (pid ${pid}) is gone.`
    )
    expect(store.runs.lastForBrand(krk.id)?.status).toBe('succeeded')
  })

  it('never interrupts a live worker’s run, and says so when every brand is held', async () => {
    const { store } = harness
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const coordinator = harness.openOther()
    const busy = new AbortController()
    const first = harness
      .runner({ mode: 'brand', brandId: krk.id }, untilStopped, {
        workerId: 'w-busy',
        store: coordinator
      })
      .run(busy.signal)
    await vi.waitFor(() => expect(store.claims.holder(krk.id)?.id).toBe('w-busy'), {
      timeout: 5_000,
      interval: 10
    })
    const never: CrawlFunction = async () => {
      throw new Error('must not crawl a held brand')
    }
    const once = await harness.runner({ mode: 'once' }, never).run(noStop())
    expect(once).toEqual({
      error: null,
      notice:
        'Every enabled brand is being scraped by another worker right now; nothing left for this one.'
    })
    const named = await harness.runner({ mode: 'brand', brandId: krk.id }, never).run(noStop())
    expect(named.error).toBeNull()
    expect(named.notice).toMatch(
      /^KRK is being scraped by worker w-busy \(pid \d+ on .+\); not starting a second crawl of the same site\.$/
    )
    expect(store.runs.lastForBrand(krk.id)).toMatchObject({ status: 'running', workerId: 'w-busy' })
    busy.abort()
    expect(await first).toEqual({ error: null, notice: null })
    expect(store.runs.list({ limit: 10 })).toHaveLength(1)
  })
})
