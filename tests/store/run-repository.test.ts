import { afterEach, describe, expect, it, vi } from 'vitest'
import { emptyRunCounts } from '../../src/shared/run'
import { useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

afterEach(() => {
  vi.useRealTimers()
})

const hour = 3_600_000

describe('RunRepository', () => {
  it('lists runs left running by no registered worker as orphaned, and not a live worker’s', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    // Recorded before workers had ids, and by a worker whose registration is gone.
    const legacy = store.runs.start(brand.id, 'continuous')
    const gone = store.runs.start(brand.id, 'once', 'gone-worker')
    store.workers.register({ id: 'live-worker', pid: process.pid, mode: 'once', leaseMs: 15_000 })
    const live = store.runs.start(brand.id, 'once', 'live-worker')
    expect(live.workerId).toBe('live-worker')
    expect(store.runs.orphaned().map((run) => run.id)).toEqual([legacy.id, gone.id])
    expect(store.runs.runningFor('live-worker').map((run) => run.id)).toEqual([live.id])
    store.runs.finish(gone.id, 'interrupted', 'The worker ended before this run finished.')
    expect(store.runs.orphaned().map((run) => run.id)).toEqual([legacy.id])
    expect(store.brands.get(brand.id)?.lastStatus).toBe('interrupted')
  })

  it('saves counts and finishes a run, recording it on its brand', () => {
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'brand')
    expect(run).toMatchObject({
      brandName: 'KRK',
      trigger: 'brand',
      status: 'running',
      workerId: null,
      ...emptyRunCounts()
    })
    const counts = {
      pagesVisited: 7,
      productsFound: 5,
      productsNew: 2,
      productsUpdated: 1,
      productsUnchanged: 2,
      productsMissing: 1,
      errorCount: 3,
      deadLinks: 2
    }
    store.runs.saveCounts(run.id, counts)
    const finished = store.runs.finish(run.id, 'succeeded', '5 products')
    expect(finished).toMatchObject({ ...counts, status: 'succeeded', message: '5 products' })
    expect(finished.endedAt).toMatch(/^\d{4}-/)
    expect(store.brands.get(brand.id)).toMatchObject({
      lastStatus: 'succeeded',
      lastScrapedAt: finished.endedAt
    })
    // A finished run is no longer one to interrupt.
    expect(store.runs.orphaned()).toEqual([])
  })

  it('makes a brand due its refresh interval after a success, within an hour after a failure', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'))
    const { store } = catalog
    const daily = store.brands.add({ name: 'Daily', website: 'https://daily.test/' })
    const hourly = store.brands.add({
      name: 'Often',
      website: 'https://often.test/',
      settings: { refreshHours: 0.5 }
    })
    const dueIn = (brandId: number, status: 'succeeded' | 'failed'): number => {
      const run = store.runs.finish(store.runs.start(brandId, 'once').id, status, null)
      return Date.parse(store.brands.get(brandId)!.nextDueAt!) - Date.parse(run.endedAt!)
    }
    expect(dueIn(daily.id, 'succeeded')).toBe(24 * hour)
    expect(dueIn(daily.id, 'failed')).toBe(hour)
    expect(dueIn(hourly.id, 'succeeded')).toBe(hour / 2)
    // A failure is retried no later than the interval of a brand refreshed more often than hourly.
    expect(dueIn(hourly.id, 'failed')).toBe(hour / 2)
    expect(store.brands.get(daily.id)?.nextDueAt).toBe('2026-03-01T13:00:00.000Z')
  })

  it('leaves the due time as it is after a stop or an interruption', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'))
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    store.runs.finish(store.runs.start(brand.id, 'once').id, 'succeeded', null)
    const due = store.brands.get(brand.id)!.nextDueAt
    expect(due).toBe('2026-03-02T12:00:00.000Z')
    vi.setSystemTime(new Date('2026-03-01T15:00:00.000Z'))
    store.runs.finish(store.runs.start(brand.id, 'once').id, 'stopped', 'Stopped by the user.')
    expect(store.brands.get(brand.id)).toMatchObject({ nextDueAt: due, lastStatus: 'stopped' })
    store.runs.finish(store.runs.start(brand.id, 'once').id, 'interrupted', 'Its worker is gone.')
    expect(store.brands.get(brand.id)).toMatchObject({ nextDueAt: due, lastStatus: 'interrupted' })
    // A brand that never finished a run stays at the head of the queue.
    const fresh = store.brands.add({ name: 'Fresh', website: 'https://fresh.test/' })
    store.runs.finish(store.runs.start(fresh.id, 'once').id, 'stopped', null)
    expect(store.brands.get(fresh.id)?.nextDueAt).toBeNull()
  })

  it('leaves a run that already ended as it is: two processes cannot overwrite each other', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T12:00:00.000Z'))
    const { store } = catalog
    const brand = store.brands.add({ name: 'KRK', website: 'https://krk.test/' })
    const run = store.runs.start(brand.id, 'once', 'worker-a')
    const interrupted = store.runs.finish(run.id, 'interrupted', 'Its worker worker-a is gone.')
    const brandAfter = store.brands.get(brand.id)
    vi.setSystemTime(new Date('2026-03-01T13:00:00.000Z'))
    // The slow worker ends its run late: neither the run nor its brand changes.
    expect(store.runs.finish(run.id, 'succeeded', null)).toEqual(interrupted)
    expect(interrupted).toMatchObject({
      status: 'interrupted',
      message: 'Its worker worker-a is gone.',
      endedAt: '2026-03-01T12:00:00.000Z'
    })
    expect(store.brands.get(brand.id)).toEqual(brandAfter)
    expect(brandAfter).toMatchObject({ lastStatus: 'interrupted', nextDueAt: null })
  })

  it('lists runs newest first, per brand or all, and finds a brand’s last run', () => {
    const { store } = catalog
    const a = store.brands.add({ name: 'A', website: 'https://a.test/' })
    const b = store.brands.add({ name: 'B', website: 'https://b.test/' })
    const first = store.runs.start(a.id, 'once')
    const second = store.runs.start(b.id, 'once')
    const third = store.runs.start(a.id, 'once')
    expect(store.runs.list({ limit: 10 }).map((r) => r.id)).toEqual([third.id, second.id, first.id])
    expect(store.runs.list({ brandId: a.id, limit: 1 }).map((r) => r.id)).toEqual([third.id])
    expect(store.runs.lastForBrand(b.id)?.id).toBe(second.id)
  })
})
