import { describe, expect, it } from 'vitest'
import type { CrawlContext } from '../../src/scraper/crawl/crawl-context'
import type { CrawlFunction } from '../../src/scraper/brand-run'
import { at, done, later, product, useRunnerHarness } from './job-runner-harness'

const harness = useRunnerHarness()
const never: CrawlFunction = async () => {
  throw new Error('must not crawl')
}
const noStop = (): AbortSignal => new AbortController().signal

describe('JobRunner', () => {
  it('once: scrapes the head of the queue as one run under a claim, counting what the crawl reports', async () => {
    const { store, sent, messages } = harness
    at('2026-03-01T10:00:00.000Z')
    // Both scraped before; High falls due first (24 h), Low later (48 h).
    const low = store.brands.add({
      name: 'Low',
      website: 'https://low.test/',
      settings: { refreshHours: 48 }
    })
    const high = store.brands.add({ name: 'High', website: 'https://high.test/', priority: 5 })
    const lowEarlier = store.runs.start(low.id, 'once')
    store.runs.finish(lowEarlier.id, 'succeeded', null)
    // An earlier run saw three products.
    const earlier = store.runs.start(high.id, 'once')
    for (const name of ['Kept', 'Changed', 'Gone']) {
      store.products.save(high.id, earlier.id, `https://high.test/${name}`, product(name))
    }
    store.runs.finish(earlier.id, 'succeeded', null)
    later(3_600_000)

    const contexts: CrawlContext[] = []
    const during: unknown[] = []
    const outcome = await harness
      .runner(
        { mode: 'once', maxPages: 10 },
        async (ctx) => {
          contexts.push(ctx)
          during.push(store.workers.get('w-once'), store.claims.holder(high.id)?.id)
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
        },
        { workerId: 'w-once' }
      )
      .run(noStop())

    expect(outcome).toEqual({ error: null, notice: null })
    expect(contexts.map((ctx) => ctx.brand.name)).toEqual(['High'])
    expect(contexts[0]!.overrides).toEqual({ maxPages: 10 })
    // While it crawled, the registry showed it on High, holding High's claim.
    expect(during).toEqual([
      expect.objectContaining({
        id: 'w-once',
        mode: 'once',
        state: 'running',
        current_brand: 'High'
      }),
      'w-once'
    ])
    const run = store.runs.lastForBrand(high.id)!
    expect(run).toMatchObject({
      trigger: 'once',
      status: 'succeeded',
      message: null,
      workerId: 'w-once',
      pagesVisited: 4,
      productsFound: 3,
      productsNew: 1,
      productsUpdated: 1,
      productsUnchanged: 1,
      productsMissing: 1,
      errorCount: 1,
      deadLinks: 0
    })
    expect(store.products.countForBrand(high.id)).toEqual({ total: 4, missing: 1 })
    expect(store.brands.fetchStrategy(high.id)).toBe('browser')
    expect(store.runs.lastForBrand(low.id)?.id).toBe(lowEarlier.id)
    expect(messages()).toContain('1 products were not found again; flagged missing.')
    expect(harness.logged.every((entry) => entry.brand === 'High' && entry.runId === run.id)).toBe(
      true
    )
    // Ended: out of the registry, the claim released.
    expect(store.workers.list()).toEqual([])
    expect(store.claims.holders().size).toBe(0)

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

  it('once: repeated runs rotate through every brand, priorities only breaking ties', async () => {
    const { store } = harness
    at('2026-03-01T10:00:00.000Z')
    store.brands.add({ name: 'Plain', website: 'https://plain.test/' })
    store.brands.add({ name: 'Top', website: 'https://top.test/', priority: 9 })
    store.brands.add({ name: 'Mid', website: 'https://mid.test/', priority: 3 })
    store.brands.add({ name: 'Off', website: 'https://off.test/', priority: 99, enabled: false })
    const crawled: string[] = []
    for (let round = 0; round < 7; round++) {
      later(60_000)
      const outcome = await harness
        .runner({ mode: 'once' }, async (ctx) => {
          crawled.push(ctx.brand.name)
          return done(true)
        })
        .run(noStop())
      expect(outcome).toEqual({ error: null, notice: null })
    }
    expect(crawled).toEqual(['Top', 'Mid', 'Plain', 'Top', 'Mid', 'Plain', 'Top'])
  })

  it('flags products missing only after a complete run, and records failures and stops', async () => {
    const { store, messages } = harness
    at('2026-03-01T10:00:00.000Z')
    const brand = store.brands.add({ name: 'Brand', website: 'https://brand.test/' })
    const first = store.runs.start(brand.id, 'brand')
    store.products.save(brand.id, first.id, 'https://brand.test/a', product('A'))
    store.runs.finish(first.id, 'succeeded', null)
    const scrape = (crawl: CrawlFunction, signal = noStop()): Promise<unknown> => {
      later()
      return harness.runner({ mode: 'brand', brandId: brand.id }, crawl).run(signal)
    }

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

    // A stop while the crawl starts up (it throws as it is aborted) is a stop, not an error.
    const starting = new AbortController()
    await scrape(async () => {
      starting.abort()
      throw new Error('browser launch aborted')
    }, starting.signal)
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'stopped',
      message: 'Stopped by the user.'
    })
    expect(messages().filter((message) => message.includes('browser launch aborted'))).toEqual([])

    await scrape(async () => done(true))
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'succeeded',
      productsMissing: 1
    })
    expect(store.products.countForBrand(brand.id).missing).toBe(1)
  })

  it('fails a run in which no page could be read, and counts dead links apart from errors', async () => {
    const { store, sent, messages } = harness
    at('2026-03-01T10:00:00.000Z')
    const brand = store.brands.add({ name: 'Brand', website: 'https://brand.test/' })
    const first = store.runs.start(brand.id, 'brand')
    store.products.save(brand.id, first.id, 'https://brand.test/a', product('A'))
    store.runs.finish(first.id, 'succeeded', null)
    later()

    await harness
      .runner({ mode: 'brand', brandId: brand.id }, async (ctx) => {
        ctx.pageDone('https://brand.test/', 'failed')
        ctx.pageDone('https://brand.test/a', 'failed')
        ctx.pageDone('https://brand.test/old', 'dead')
        return { complete: true, pagesVisited: 3, errorCount: 2, fatal: null }
      })
      .run(noStop())
    const failed = store.runs.lastForBrand(brand.id)!
    expect(failed).toMatchObject({
      status: 'failed',
      message: 'No page of https://brand.test/ could be read (2 errors, 1 dead links).',
      pagesVisited: 3,
      errorCount: 2,
      deadLinks: 1,
      productsMissing: 0
    })
    // Nothing is flagged missing by a run that read nothing, and the brand is retried within an hour.
    expect(store.products.countForBrand(brand.id).missing).toBe(0)
    expect(Date.parse(store.brands.get(brand.id)!.nextDueAt!) - Date.parse(failed.endedAt!)).toBe(
      3_600_000
    )
    expect(messages()).toContain(
      'Brand failed: No page of https://brand.test/ could be read (2 errors, 1 dead links).'
    )

    later()
    sent.length = 0
    await harness
      .runner({ mode: 'brand', brandId: brand.id }, async (ctx) => {
        ctx.saveProduct('https://brand.test/a', product('A'))
        ctx.pageDone('https://brand.test/a', 'product')
        ctx.pageDone('https://brand.test/old', 'dead')
        ctx.pageDone('https://brand.test/older', 'dead')
        ctx.pageDone('https://brand.test/timeout', 'failed')
        return { complete: true, pagesVisited: 4, errorCount: 1, fatal: null }
      })
      .run(noStop())
    expect(store.runs.lastForBrand(brand.id)).toMatchObject({
      status: 'succeeded',
      pagesVisited: 4,
      errorCount: 1,
      deadLinks: 2
    })
    expect(sent.filter((message) => message.type === 'progress').at(-1)).toMatchObject({
      progress: { pagesVisited: 4, errorCount: 1 }
    })
    expect(messages()).toContain(
      'Brand: succeeded. 4 pages, 1 products (0 new, 0 updated, 1 unchanged), 1 errors, 2 dead links.'
    )
  })

  it('says what is wrong when the brand is gone, and what to do when there is nothing to do', async () => {
    const { store, sent } = harness
    expect(await harness.runner({ mode: 'brand', brandId: 42 }, never).run(noStop())).toEqual({
      error: 'Brand 42 is no longer in the catalog.',
      notice: null
    })
    store.brands.add({ name: 'Off', website: 'https://off.test/', enabled: false })
    const none = await harness.runner({ mode: 'once' }, never).run(noStop())
    expect(none.error).toBeNull()
    expect(none.notice).toMatch(/^There is no enabled brand to scrape\. Add one/)
    expect(sent).toEqual([])
    expect(store.workers.list()).toEqual([])
  })
})
