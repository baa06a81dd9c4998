import { afterEach, describe, expect, it } from 'vitest'
import { BrandRun, type CrawlFunction } from '../../src/scraper/brand-run'
import type { CrawlContext, CrawlResult } from '../../src/scraper/crawl/crawl-context'
import { WorkerLease } from '../../src/scraper/worker-lease'
import type { LogEntry } from '../../src/shared/log-entry'
import { workerRunConfigSchema, type WorkerMessage } from '../../src/shared/worker-protocol'
import { CatalogLogger } from '../../src/store/catalog-logger'
import { bareProduct } from '../support/bare-product'
import { refusingBrowserProvider } from '../support/fixture-sites'
import { useTempCatalog } from '../store/catalog-fixtures'

const catalog = useTempCatalog()
const leases: WorkerLease[] = []

afterEach(() => {
  for (const lease of leases.splice(0)) lease.end()
})

interface Outcome {
  runId: number
  sent: WorkerMessage[]
  lines: LogEntry[]
}

/**
 * Runs one claimed brand `KRK` with `crawl` standing in for the real crawler (the seam the job
 * runner's tests use too); `signal` aborts it.
 */
async function runBrand(
  crawl: CrawlFunction,
  signal = new AbortController().signal
): Promise<Outcome> {
  const { store } = catalog
  const brand =
    store.brands.list().find((each) => each.name === 'KRK') ??
    store.brands.add({ name: 'KRK', website: 'https://krk.example/' })
  const config = workerRunConfigSchema.parse({
    mode: 'once',
    dbPath: store.file,
    maxPages: 9,
    heartbeatMs: 60_000
  })
  const lines: LogEntry[] = []
  const logger = new CatalogLogger(store.logs, 'worker', (entry) => lines.push(entry))
  const lease = new WorkerLease({
    store,
    logger,
    workerId: 'w-1',
    mode: 'once',
    heartbeatMs: 60_000,
    leaseMs: 15_000
  })
  leases.push(lease)
  const claim = store.claims.claimBrand(brand.id, {
    workerId: 'w-1',
    leaseMs: 15_000,
    trigger: 'once'
  })
  if ('heldBy' in claim) throw new Error('KRK is held')
  const sent: WorkerMessage[] = []
  const run = new BrandRun(
    claim,
    {
      store,
      workerId: 'w-1',
      config,
      logger,
      browser: refusingBrowserProvider(),
      crawl,
      send: (message) => sent.push(message),
      lease
    },
    signal
  )
  await run.run()
  lease.end()
  leases.splice(0)
  return { runId: claim.run.id, sent, lines }
}

/** A crawl that visits `pages` (url → outcome) and saves a product on each page that worked. */
function crawlOf(
  pages: Record<string, 'ok' | 'failed' | 'dead'>,
  result: { complete?: boolean; fatal?: string | null } = {}
): CrawlFunction & { contexts: CrawlContext[] } {
  const contexts: CrawlContext[] = []
  const crawl = async (context: CrawlContext): Promise<CrawlResult> => {
    contexts.push(context)
    context.pagesDiscovered(Object.keys(pages).length)
    for (const [url, outcome] of Object.entries(pages)) {
      context.pageStarted(url)
      if (outcome === 'ok') context.saveProduct(url, bareProduct(`Product at ${url}`))
      context.pageDone(url, outcome === 'ok' ? 'product' : outcome)
    }
    return {
      complete: result.complete ?? true,
      pagesVisited: Object.keys(pages).length,
      errorCount: 0,
      fatal: result.fatal ?? null
    }
  }
  return Object.assign(crawl, { contexts })
}

describe('BrandRun', () => {
  it('counts what the crawl reports into the run, says so, and ends it succeeded', async () => {
    const crawl = crawlOf({
      'https://krk.example/p/1': 'ok',
      'https://krk.example/p/2': 'ok',
      'https://krk.example/gone': 'dead',
      'https://krk.example/broken': 'failed'
    })
    const { runId, sent, lines } = await runBrand(crawl)

    expect(crawl.contexts[0]?.overrides).toEqual({ maxPages: 9 })
    const run = catalog.store.runs.get(runId)!
    expect(run).toMatchObject({
      status: 'succeeded',
      pagesVisited: 4,
      productsFound: 2,
      productsNew: 2,
      errorCount: 1,
      deadLinks: 1,
      message: null
    })
    expect(sent[0]).toEqual({ type: 'brand-started', brand: 'KRK', runId })
    expect(sent.at(-1)).toEqual({
      type: 'brand-finished',
      brand: 'KRK',
      runId,
      status: 'succeeded',
      message: null
    })
    // Progress is coalesced, and its last message, sent before the end, has the final counts.
    const progress = sent.filter((message) => message.type === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.length).toBeLessThan(10)
    expect(progress.at(-1)).toMatchObject({
      progress: { brand: 'KRK', runId, pagesVisited: 4, productsFound: 2, errorCount: 1 }
    })
    expect(lines.at(-1)?.message).toBe(
      'KRK: succeeded. 4 pages, 2 products (2 new, 0 updated, 0 unchanged), 1 errors, 1 dead links.'
    )
  })

  it('flags products a complete run no longer found, and only a complete one', async () => {
    await runBrand(crawlOf({ 'https://krk.example/p/1': 'ok', 'https://krk.example/p/2': 'ok' }))
    const partial = await runBrand(
      crawlOf({ 'https://krk.example/p/1': 'ok' }, { complete: false })
    )
    expect(catalog.store.runs.get(partial.runId)).toMatchObject({
      productsUnchanged: 1,
      productsMissing: 0
    })
    const complete = await runBrand(crawlOf({ 'https://krk.example/p/1': 'ok' }))
    expect(catalog.store.runs.get(complete.runId)?.productsMissing).toBe(1)
    expect(complete.lines.map((line) => line.message)).toContain(
      '1 products were not found again; flagged missing.'
    )
  })

  it('fails a run when the crawl could not run, or no page could be read', async () => {
    const fatal = await runBrand(crawlOf({}, { fatal: 'robots.txt could not be read' }))
    expect(catalog.store.runs.get(fatal.runId)).toMatchObject({
      status: 'failed',
      message: 'robots.txt could not be read'
    })
    const unreadable = await runBrand(
      crawlOf({ 'https://krk.example/': 'failed', 'https://krk.example/x': 'dead' })
    )
    expect(catalog.store.runs.get(unreadable.runId)).toMatchObject({
      status: 'failed',
      message: 'No page of https://krk.example/ could be read (1 errors, 1 dead links).'
    })
  })

  it('fails a run whose crawl threw, but calls it stopped when the user had stopped it', async () => {
    const thrown = await runBrand(async () => {
      throw new Error('disk full')
    })
    expect(catalog.store.runs.get(thrown.runId)).toMatchObject({
      status: 'failed',
      message: 'disk full'
    })
    const stop = new AbortController()
    const stopped = await runBrand(async () => {
      stop.abort()
      throw new Error('browser closed')
    }, stop.signal)
    expect(catalog.store.runs.get(stopped.runId)).toMatchObject({
      status: 'stopped',
      message: 'Stopped by the user.'
    })
  })
})
