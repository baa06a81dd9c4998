import { bareProduct } from '../support/bare-product'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LogEntry } from '../../src/shared/log-entry'
import type { ExtractedProduct } from '../../src/shared/product'
import {
  workerRunConfigSchema,
  type WorkerMessage,
  type WorkerRunConfigInput
} from '../../src/shared/worker-protocol'
import type { CrawlContext, CrawlResult } from '../../src/scraper/crawl/crawl-context'
import { JobRunner, type CrawlFunction } from '../../src/scraper/job-runner'
import { CatalogLogger } from '../../src/store/catalog-logger'
import { CatalogStore } from '../../src/store/catalog-store'
import { refusingBrowserProvider } from '../support/fixture-sites'
import { makeTempDir } from '../support/temp-dir'

const done = (complete: boolean): CrawlResult => ({
  complete,
  pagesVisited: 0,
  errorCount: 0,
  fatal: null
})

let temp: ReturnType<typeof makeTempDir>
let store: CatalogStore
let sent: WorkerMessage[]
let logged: LogEntry[]

beforeEach(() => {
  temp = makeTempDir()
  store = CatalogStore.open(join(temp.dir, 'catalog.db'))
  sent = []
  logged = []
})
afterEach(() => {
  vi.useRealTimers()
  store.close()
  temp.cleanup()
})

/** A runner over the temp catalog, with `crawl` in place of the real crawl. */
function runner(config: Omit<WorkerRunConfigInput, 'dbPath'>, crawl: CrawlFunction): JobRunner {
  return new JobRunner({
    store,
    config: workerRunConfigSchema.parse({ ...config, dbPath: store.file }),
    logger: new CatalogLogger(store.logs, 'worker', (entry) => logged.push(entry)),
    browser: refusingBrowserProvider(),
    crawl,
    send: (message) => sent.push(message)
  })
}

const messages = (): string[] => logged.map((entry) => entry.message)

describe('JobRunner', () => {
  it('once: scrapes the first brand in the queue as one run, counting what the crawl reports', async () => {
    const low = store.brands.add({ name: 'Low', website: 'https://low.test/' })
    const high = store.brands.add({ name: 'High', website: 'https://high.test/', priority: 5 })
    // An earlier run saw three products.
    const earlier = store.runs.start(high.id, 'once')
    for (const name of ['Kept', 'Changed', 'Gone']) {
      store.products.save(high.id, earlier.id, `https://high.test/${name}`, product(name))
    }
    store.runs.finish(earlier.id, 'succeeded', null)

    const contexts: CrawlContext[] = []
    const outcome = await runner({ mode: 'once', maxPages: 10 }, async (ctx) => {
      contexts.push(ctx)
      ctx.pagesDiscovered(4)
      for (const name of ['Kept', 'Changed', 'New']) {
        const url = `https://high.test/${name}`
        ctx.pageStarted(url)
        ctx.saveProduct(url, product(name, name === 'Changed' ? 90 : 100))
        ctx.pageDone(url, 'product')
      }
      ctx.pageDone('https://high.test/broken', 'failed')
      ctx.fetchStrategy.set('browser')
      return { complete: true, pagesVisited: 4, errorCount: 1, fatal: null }
    }).run(new AbortController().signal)

    expect(outcome).toEqual({ error: null })
    expect(contexts.map((ctx) => ctx.brand.name)).toEqual(['High'])
    expect(contexts[0]!.overrides).toEqual({ maxPages: 10 })
    const run = store.runs.lastForBrand(high.id)!
    expect(run).toMatchObject({
      trigger: 'once',
      status: 'succeeded',
      message: null,
      pagesVisited: 4,
      productsFound: 3,
      productsNew: 1,
      productsUpdated: 1,
      productsUnchanged: 1,
      productsMissing: 1,
      errorCount: 1
    })
    expect(store.products.countForBrand(high.id)).toEqual({ total: 4, missing: 1 })
    expect(store.brands.fetchStrategy(high.id)).toBe('browser')
    expect(store.runs.lastForBrand(low.id)).toBeUndefined()
    expect(messages()).toContain('1 products were not found again; flagged missing.')
    expect(logged.every((entry) => entry.brand === 'High' && entry.runId === run.id)).toBe(true)

    expect(sent[0]).toEqual({ type: 'brand-started', brand: 'High', runId: run.id })
    expect(sent.at(-1)).toEqual({
      type: 'brand-finished',
      brand: 'High',
      runId: run.id,
      status: 'succeeded',
      message: null
    })
    const progress = sent.filter((message) => message.type === 'progress').at(-1)
    expect(progress).toMatchObject({
      progress: {
        brand: 'High',
        pagesDiscovered: 4,
        pagesVisited: 4,
        productsFound: 3,
        productsNew: 1,
        productsUpdated: 1,
        errorCount: 1,
        currentUrl: 'https://high.test/New'
      }
    })
  })

  it('flags products missing only after a complete run, and records failures and stops', async () => {
    const brand = store.brands.add({ name: 'Brand', website: 'https://brand.test/' })
    const first = store.runs.start(brand.id, 'brand')
    store.products.save(brand.id, first.id, 'https://brand.test/a', product('A'))
    store.runs.finish(first.id, 'succeeded', null)
    const scrape = (
      crawl: CrawlFunction,
      signal = new AbortController().signal
    ): Promise<unknown> => runner({ mode: 'brand', brandId: brand.id }, crawl).run(signal)

    // Cut short (page cap, unreachable pages): a product not seen may still be there.
    await scrape(async () => done(false))
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      trigger: 'brand',
      status: 'succeeded',
      productsMissing: 0
    })
    expect(store.products.countForBrand(brand.id).missing).toBe(0)

    await scrape(async () => ({ ...done(false), fatal: 'The site is down.' }))
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'failed',
      message: 'The site is down.'
    })
    expect(messages()).toContain('Brand failed: The site is down.')

    await scrape(async () => {
      throw new Error('crawl bug')
    })
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'failed',
      message: 'crawl bug'
    })

    const controller = new AbortController()
    await scrape(async (ctx) => {
      controller.abort()
      expect(ctx.signal.aborted).toBe(true)
      return done(true)
    }, controller.signal)
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'stopped',
      message: 'Stopped by the user.',
      productsMissing: 0
    })
    expect(store.products.countForBrand(brand.id).missing).toBe(0)

    await scrape(async () => done(true))
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'succeeded',
      productsMissing: 1
    })
    expect(store.products.countForBrand(brand.id).missing).toBe(1)
  })

  it('says what is wrong when the brand is gone or no brand is enabled', async () => {
    const never: CrawlFunction = async () => {
      throw new Error('must not crawl')
    }
    const signal = new AbortController().signal
    expect(await runner({ mode: 'brand', brandId: 42 }, never).run(signal)).toEqual({
      error: 'Brand 42 is no longer in the catalog.'
    })
    store.brands.add({ name: 'Off', website: 'https://off.test/', enabled: false })
    const none = await runner({ mode: 'once' }, never).run(signal)
    expect(none.error).toMatch(/^There is no enabled brand to scrape/)
    expect(sent).toEqual([])
  })

  it('continuous: every enabled brand once per round, by priority, `delay` apart, until stopped', async () => {
    vi.useFakeTimers()
    store.brands.add({ name: 'Low', website: 'https://low.test/' })
    store.brands.add({ name: 'High', website: 'https://high.test/', priority: 2 })
    store.brands.add({ name: 'Mid', website: 'https://mid.test/', priority: 1 })
    store.brands.add({ name: 'Off', website: 'https://off.test/', priority: 9, enabled: false })
    const controller = new AbortController()
    const crawled: string[] = []
    let ended = false
    const running = runner({ mode: 'continuous', delay: 30 }, async (ctx) => {
      crawled.push(ctx.brand.name)
      // The fifth brand is stopped mid-crawl.
      if (crawled.length === 5) controller.abort()
      return done(true)
    })
      .run(controller.signal)
      .then((outcome) => {
        ended = true
        return outcome
      })

    await vi.advanceTimersByTimeAsync(0)
    expect(crawled).toEqual(['High'])
    const waiting = sent.find((message) => message.type === 'waiting')
    expect(waiting).toEqual({ type: 'waiting', until: new Date(Date.now() + 30_000).toISOString() })
    await vi.advanceTimersByTimeAsync(29_999)
    expect(crawled).toEqual(['High'])
    await vi.advanceTimersByTimeAsync(1)
    expect(crawled).toEqual(['High', 'Mid'])
    await vi.advanceTimersByTimeAsync(90_000)
    expect(ended).toBe(true)
    expect(await running).toEqual({ error: null })
    expect(crawled).toEqual(['High', 'Mid', 'Low', 'High', 'Mid'])
    // No wait after the stop.
    expect(sent.filter((message) => message.type === 'waiting')).toHaveLength(4)
    expect(sent.at(-1)).toMatchObject({ type: 'brand-finished', brand: 'Mid', status: 'stopped' })
    expect(messages()).toContain('Continuous mode: one brand after another, 30 s apart.')
  })

  it('continuous: a stop during the wait ends the runner at once', async () => {
    vi.useFakeTimers()
    store.brands.add({ name: 'Only', website: 'https://only.test/' })
    const controller = new AbortController()
    const crawled: string[] = []
    const running = runner({ mode: 'continuous', delay: 3_600 }, async (ctx) => {
      crawled.push(ctx.brand.name)
      return done(true)
    }).run(controller.signal)
    await vi.advanceTimersByTimeAsync(0)
    expect(crawled).toEqual(['Only'])
    controller.abort()
    // Resolves without the clock moving on.
    expect(await running).toEqual({ error: null })
    expect(crawled).toEqual(['Only'])
  })
})

function product(name: string, price = 100): ExtractedProduct {
  return bareProduct(name, { price, currency: 'EUR' })
}
