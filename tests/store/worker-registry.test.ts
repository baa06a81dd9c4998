import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { workerRecordSchema } from '../../src/shared/worker-record'
import type { WorkerProgress } from '../../src/shared/worker-status'
import { CatalogStore } from '../../src/store/catalog-store'
import { newWorkerId } from '../../src/store/worker-registry'
import { useTempCatalog } from './catalog-fixtures'
import { useClock } from '../support/use-clock'

const catalog = useTempCatalog()
const at = useClock()

/** A pid that no process has any more: a child that ran and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
  await once(child, 'exit')
  return child.pid!
}

const register = (
  store: CatalogStore,
  id: string,
  options: { pid?: number; leaseMs?: number } = {}
): void =>
  store.workers.register({
    id,
    pid: options.pid ?? process.pid,
    mode: 'continuous',
    leaseMs: options.leaseMs ?? 15_000
  })

/** Registers `id` and has it claim (and start a run of) the brand named `brand`. */
function working(
  store: CatalogStore,
  id: string,
  brand: string,
  options: { pid?: number; leaseMs?: number } = {}
): { brandId: number; runId: number } {
  register(store, id, options)
  const { id: brandId } = store.brands.add({ name: brand, website: 'https://brand.test/' })
  const claim = store.claims.claimBrand(brandId, {
    workerId: id,
    leaseMs: options.leaseMs ?? 15_000,
    trigger: 'continuous'
  })
  if ('heldBy' in claim) throw new Error(`${brand} is held by ${claim.heldBy.id}`)
  return { brandId, runId: claim.run.id }
}

describe('WorkerRegistry', () => {
  it('registers workers and lists what each reports, to every process on the catalog', () => {
    const { store } = catalog
    at('2026-03-01T12:00:00.000Z')
    const id = newWorkerId()
    expect(id).toMatch(new RegExp(`^${hostname()}-${process.pid}-[a-z0-9]+$`))
    register(store, id)
    at('2026-03-01T12:00:01.000Z')
    register(store, 'second', { pid: 4242 })
    const krk = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const shure = store.brands.add({ name: 'Shure', website: 'https://shure.test/' })
    const progress: WorkerProgress = {
      brand: 'KRK',
      runId: 1,
      pagesDiscovered: 10,
      pagesVisited: 4,
      productsFound: 3,
      productsNew: 1,
      productsUpdated: 1,
      errorCount: 0,
      currentUrl: 'https://krk.test/p/3',
      startedAt: '2026-03-01T12:00:00.000Z'
    }
    store.workers.report(id, { state: 'running', currentBrandId: krk.id, progress })
    store.workers.report('second', {
      state: 'waiting',
      nextBrandId: shure.id,
      nextBrandAt: '2026-03-01T13:00:00.000Z'
    })
    const listed = catalog.other.workers.list()
    expect(listed).toEqual([
      {
        id,
        pid: process.pid,
        host: hostname(),
        mode: 'continuous',
        state: 'running',
        current_brand: 'KRK',
        progress,
        next_brand: null,
        next_brand_at: null,
        started_at: '2026-03-01T12:00:00.000Z',
        heartbeat_at: '2026-03-01T12:00:00.000Z',
        stop_requested: false
      },
      expect.objectContaining({
        id: 'second',
        pid: 4242,
        state: 'waiting',
        current_brand: null,
        progress: null,
        next_brand: 'Shure',
        next_brand_at: '2026-03-01T13:00:00.000Z'
      })
    ])
    // Exactly the API's shape.
    for (const worker of listed) expect(workerRecordSchema.strict().parse(worker)).toEqual(worker)
    // Between brands: no brand, no progress.
    store.workers.report(id, { currentBrandId: null, progress: null })
    expect(catalog.other.workers.get(id)).toMatchObject({
      state: 'running',
      current_brand: null,
      progress: null
    })
    expect(catalog.other.workers.get('nobody')).toBeUndefined()
  })

  it('renews the worker’s lease and every claim it holds with each heartbeat', () => {
    const { store } = catalog
    at('2026-03-01T12:00:00.000Z')
    const { brandId } = working(store, 'worker-a', 'KRK', { leaseMs: 10_000 })
    at('2026-03-01T12:00:08.000Z')
    expect(store.workers.heartbeat('worker-a')).toBe('ok')
    expect(catalog.other.workers.get('worker-a')?.heartbeat_at).toBe('2026-03-01T12:00:08.000Z')
    // Past the first lease, still held: the heartbeat renewed it.
    at('2026-03-01T12:00:17.999Z')
    expect(catalog.other.claims.holder(brandId)?.id).toBe('worker-a')
    expect(
      catalog.other.claims.claimBrand(brandId, { workerId: 'b', leaseMs: 1, trigger: 'brand' })
    ).toEqual({ heldBy: { id: 'worker-a', host: hostname(), pid: process.pid } })
    // Without another heartbeat it lapses.
    at('2026-03-01T12:00:18.001Z')
    expect(catalog.other.claims.holder(brandId)).toBeUndefined()
  })

  it('passes a stop request from any process to the worker’s next heartbeat', () => {
    const { store } = catalog
    register(store, 'worker-a')
    expect(store.workers.heartbeat('worker-a')).toBe('ok')
    expect(catalog.other.workers.requestStop('worker-a')).toBe(true)
    expect(catalog.other.workers.get('worker-a')?.stop_requested).toBe(true)
    expect(store.workers.heartbeat('worker-a')).toBe('stop')
    // Asked once, it stays asked.
    expect(catalog.other.workers.requestStop('worker-a')).toBe(true)
    expect(store.workers.heartbeat('worker-a')).toBe('stop')
    expect(catalog.other.workers.requestStop('nobody')).toBe(false)
    // A worker whose registration is gone is told so: its claims may be someone else's.
    expect(store.workers.heartbeat('nobody')).toBe('gone')
  })

  it('releases every claim of a worker that unregisters', () => {
    const { store } = catalog
    const { brandId, runId } = working(store, 'worker-a', 'KRK')
    const shure = store.brands.add({ name: 'Shure', website: 'https://shure.test/' })
    store.claims.claimBrand(shure.id, { workerId: 'worker-a', leaseMs: 15_000, trigger: 'once' })
    expect(catalog.other.claims.holders().size).toBe(2)
    store.runs.finish(runId, 'succeeded', null)
    store.workers.unregister('worker-a')
    expect(catalog.other.workers.list()).toEqual([])
    expect(catalog.other.claims.holders().size).toBe(0)
    const next = catalog.other.claims.claimBrand(brandId, {
      workerId: 'worker-b',
      leaseMs: 15_000,
      trigger: 'brand'
    })
    expect(next).toMatchObject({ brand: { name: 'KRK' }, tookOver: null })
  })

  it('expires a worker whose lease lapsed: its run interrupted, naming it, its claim freed', () => {
    const { store } = catalog
    at('2026-03-01T12:00:00.000Z')
    const { brandId, runId } = working(store, 'worker-a', 'KRK', { leaseMs: 1_000 })
    // Its process is alive (this one): only the missed heartbeats count.
    at('2026-03-01T12:00:00.900Z')
    expect(catalog.other.workers.reap()).toEqual({ lapsed: [], orphaned: [] })
    at('2026-03-01T12:00:05.000Z')
    // While heartbeats may still wait in a results stream, a lapsed lease says nothing.
    expect(catalog.other.workers.reap(Date.now(), { leases: false })).toEqual({
      lapsed: [],
      orphaned: []
    })
    expect(store.runs.get(runId)?.status).toBe('running')
    const { lapsed, orphaned } = catalog.other.workers.reap()
    expect(orphaned).toEqual([])
    expect(lapsed).toHaveLength(1)
    expect(lapsed[0]).toMatchObject({ id: 'worker-a', host: hostname(), pid: process.pid })
    expect(lapsed[0]!.why).toBe(
      `Its worker worker-a on ${hostname()} missed its heartbeats for 1 s.`
    )
    expect(lapsed[0]!.interrupted.map((run) => [run.id, run.status])).toEqual([
      [runId, 'interrupted']
    ])
    expect(store.runs.get(runId)?.message).toBe(lapsed[0]!.why)
    expect(store.workers.list()).toEqual([])
    expect(store.claims.holder(brandId)).toBeUndefined()
    // The worker finds out at its next heartbeat, and must stop.
    expect(store.workers.heartbeat('worker-a')).toBe('gone')
  })

  it('expires a worker on this machine whose process is gone, before its lease lapses', async () => {
    const { store } = catalog
    const pid = await deadPid()
    const { brandId, runId } = working(store, 'killed', 'KRK', { pid })
    const { lapsed } = catalog.other.workers.reap()
    expect(lapsed.map((worker) => [worker.id, worker.why])).toEqual([
      ['killed', `Its worker killed (pid ${pid}) is gone.`]
    ])
    expect(store.runs.get(runId)).toMatchObject({
      status: 'interrupted',
      message: `Its worker killed (pid ${pid}) is gone.`
    })
    expect(store.claims.holder(brandId)).toBeUndefined()
    expect(store.brands.get(brandId)?.lastStatus).toBe('interrupted')
  })

  it('never expires a live worker, nor a fresh one on another machine whose pid is not here', async () => {
    const { store } = catalog
    const live = working(store, 'live', 'KRK')
    const pid = await deadPid()
    const remote = working(store, 'remote', 'Shure', { pid })
    store.db.prepare(`UPDATE workers SET host = 'another-machine' WHERE id = 'remote'`).run()
    for (const from of [store, catalog.other]) {
      expect(from.workers.reap()).toEqual({ lapsed: [], orphaned: [] })
    }
    expect(store.runs.get(live.runId)?.status).toBe('running')
    expect(store.runs.get(remote.runId)?.status).toBe('running')
    expect(store.workers.list().map((worker) => worker.id)).toEqual(['live', 'remote'])
    expect(store.claims.holders().size).toBe(2)
  })

  it('interrupts runs that no registered worker owns, and only those', () => {
    const { store } = catalog
    const live = working(store, 'live', 'KRK')
    const shure = store.brands.add({ name: 'Shure', website: 'https://shure.test/' })
    // Left by a worker from before workers had ids, and by one whose registration was removed.
    const legacy = store.runs.start(shure.id, 'continuous')
    const unregistered = store.runs.start(shure.id, 'once', 'gone-worker')
    const { lapsed, orphaned } = catalog.other.workers.reap()
    expect(lapsed).toEqual([])
    expect(orphaned.map((run) => [run.id, run.status, run.message])).toEqual([
      [legacy.id, 'interrupted', 'The worker ended before this run finished.'],
      [unregistered.id, 'interrupted', 'The worker ended before this run finished.']
    ])
    expect(store.runs.get(live.runId)?.status).toBe('running')
    // Once is enough.
    expect(catalog.other.workers.reap()).toEqual({ lapsed: [], orphaned: [] })
  })

  it('expires a worker on request, interrupting only its own running runs', () => {
    const { store } = catalog
    const mine = working(store, 'worker-a', 'KRK')
    const theirs = working(store, 'worker-b', 'Shure')
    const interrupted = catalog.other.workers.expire('worker-a', 'Its process exited (code 1).')
    expect(interrupted.map((run) => [run.id, run.status, run.message])).toEqual([
      [mine.runId, 'interrupted', 'Its process exited (code 1).']
    ])
    expect(store.runs.get(theirs.runId)?.status).toBe('running')
    expect(store.workers.list().map((worker) => worker.id)).toEqual(['worker-b'])
    expect(store.claims.holder(mine.brandId)).toBeUndefined()
    expect(store.claims.holder(theirs.brandId)?.id).toBe('worker-b')
  })
})
