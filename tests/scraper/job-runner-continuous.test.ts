import { describe, expect, it, vi } from 'vitest'
import type { CrawlFunction } from '../../src/scraper/brand-run'
import { done, useRunnerHarness } from './job-runner-harness'

/** Continuous mode: brands as they fall due, `delay` apart, waiting (or idling) in between. */
const harness = useRunnerHarness()
const never: CrawlFunction = async () => {
  throw new Error('must not crawl')
}

describe('JobRunner, continuous', () => {
  it('continuous: brands in queue order, `delay` apart, then waits for the next one due', async () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'))
    const start = Date.now()
    const { store, sent, messages } = harness
    // Due again 3 minutes after a success.
    const settings = { refreshHours: 0.05 }
    store.brands.add({ name: 'Low', website: 'https://low.test/', settings })
    const high = store.brands.add({
      name: 'High',
      website: 'https://high.test/',
      priority: 2,
      settings
    })
    store.brands.add({ name: 'Mid', website: 'https://mid.test/', priority: 1, settings })
    store.brands.add({ name: 'Off', website: 'https://off.test/', priority: 9, enabled: false })
    const controller = new AbortController()
    const crawled: Array<[string, number]> = []
    const shown: unknown[] = []
    let ended = false
    const running = harness
      .runner(
        { mode: 'continuous', delay: 30 },
        async (ctx) => {
          crawled.push([ctx.brand.name, (Date.now() - start) / 1000])
          const record = store.workers.get('w-loop')
          shown.push([record?.current_brand, record?.next_brand])
          // The fifth brand is stopped mid-crawl.
          if (crawled.length === 5) controller.abort()
          return done(true)
        },
        { workerId: 'w-loop' }
      )
      .run(controller.signal)
      .then((outcome) => {
        ended = true
        return outcome
      })

    await vi.advanceTimersByTimeAsync(0)
    expect(crawled).toEqual([['High', 0]])
    expect(sent.find((message) => message.type === 'waiting')).toEqual({
      type: 'waiting',
      until: new Date(start + 30_000).toISOString(),
      brand: null
    })
    await vi.advanceTimersByTimeAsync(29_999)
    expect(crawled).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(crawled.map(([name]) => name)).toEqual(['High', 'Mid'])
    // Every brand done once: it waits for High, due 3 minutes after its run.
    await vi.advanceTimersByTimeAsync(70_000)
    const highDue = store.brands.get(high.id)!.nextDueAt!
    expect(highDue).toBe(new Date(start + 180_000).toISOString())
    expect(sent.at(-1)).toEqual({ type: 'waiting', until: highDue, brand: 'High' })
    expect(store.workers.get('w-loop')).toMatchObject({
      state: 'waiting',
      current_brand: null,
      next_brand: 'High',
      next_brand_at: highDue
    })
    expect(messages()).toContain(`Next: High, due ${highDue}.`)
    await vi.advanceTimersByTimeAsync(start + 180_000 - 1 - Date.now())
    expect(crawled).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(crawled.at(-1)).toEqual(['High', 180])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(ended).toBe(true)
    expect(await running).toEqual({ error: null, notice: null })
    expect(crawled).toEqual([
      ['High', 0],
      ['Mid', 30],
      ['Low', 60],
      ['High', 180],
      ['Mid', 210]
    ])
    // While it scrapes, the registry shows that brand, and no next one.
    expect(shown).toEqual(crawled.map(([name]) => [name, null]))
    // No wait after the stop.
    expect(
      sent.filter((message) => message.type === 'waiting').map((message) => message.brand)
    ).toEqual([null, null, null, 'High', 'High', null])
    expect(sent.at(-1)).toMatchObject({ type: 'brand-finished', brand: 'Mid', status: 'stopped' })
    expect(messages()).toContain('Continuous mode: brands as they fall due, at least 30 s apart.')
    expect(store.workers.list()).toEqual([])
  })

  it('continuous: a stop during the wait ends the runner at once', async () => {
    vi.useFakeTimers()
    harness.store.brands.add({ name: 'Only', website: 'https://only.test/' })
    const controller = new AbortController()
    const crawled: string[] = []
    const running = harness
      .runner({ mode: 'continuous', delay: 3_600 }, async (ctx) => {
        crawled.push(ctx.brand.name)
        return done(true)
      })
      .run(controller.signal)
    await vi.advanceTimersByTimeAsync(0)
    expect(crawled).toEqual(['Only'])
    controller.abort()
    // Resolves without the clock moving on.
    expect(await running).toEqual({ error: null, notice: null })
    expect(crawled).toEqual(['Only'])
  })

  it('continuous: with no brand enabled, idles saying what to do, without an error', async () => {
    vi.useFakeTimers()
    const { store, messages } = harness
    store.brands.add({ name: 'Off', website: 'https://off.test/', enabled: false })
    const controller = new AbortController()
    const running = harness
      .runner({ mode: 'continuous' }, never, { workerId: 'w-idle' })
      .run(controller.signal)
    await vi.advanceTimersByTimeAsync(0)
    expect(store.workers.get('w-idle')?.state).toBe('idle')
    // It looks again now and then (a brand may be enabled), saying so once.
    await vi.advanceTimersByTimeAsync(180_000)
    const notices = messages().filter((message) => message.startsWith('There is no enabled brand'))
    expect(notices).toHaveLength(1)
    controller.abort()
    expect(await running).toEqual({ error: null, notice: null })
    expect(harness.logged.filter((entry) => entry.level === 'error')).toEqual([])
  })
})
