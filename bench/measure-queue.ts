/**
 * Scale-out through Redis (issue 9): eight fixture brand sites at the default politeness, scraped
 * once by 1 and by 4 remote workers (`worker --queue`, no catalog) for one `serve --queue`; the
 * time, the speed-up, and the memory of the coordinator and of each worker. Then the
 * coordinator's ingest rate: products committed from the results stream into SQLite per second,
 * in batched transactions.
 *
 * Part of `npm run bench`; alone, `npx tsx bench/measure-queue.ts` measures and rewrites only its
 * own section of docs/benchmarks.md. Needs /usr/bin/redis-server.
 */
import { Redis } from 'ioredis'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { QueueIngestLoop } from '../src/main/coordinator/queue-ingest-loop'
import { resultStreamKey } from '../src/queue/queue-keys'
import { compareStreamIds, ResultStreamReader } from '../src/queue/result-stream'
import { brandSettingDefaults } from '../src/shared/brand'
import type { ExtractedProduct } from '../src/shared/product'
import type { RemoteEntry } from '../src/shared/worker-protocol'
import { CatalogStore } from '../src/store/catalog-store'
import { QueueIngest, type IngestEntry } from '../src/store/queue-ingest'
import { callApi } from '../tests/support/call-api'
import { residentMiB } from '../tests/integration/process-table'
import { QueueFleet } from '../tests/queue/queue-fleet'
import { bareProduct } from '../tests/support/bare-product'
import { sitemapBrandSite } from '../tests/support/brand-sites'
import { startFixtureSite, type FixtureSite } from '../tests/support/fixture-sites/index'
import { redisUnavailable, startRedisServer } from '../tests/support/redis-server'
import { makeTempDir } from '../tests/support/temp-dir'
import { isMainModule, runBenchmarkAlone } from './benchmark-section'

/** Options of {@link measureQueue}. */
export interface QueueBenchOptions {
  /** Brand sites. Default: 8 (`BENCH_QUEUE_SITES`). */
  sites?: number
  /** Products on each site. Default: 32 (`BENCH_QUEUE_PRODUCTS`). */
  products?: number
  /** Remote workers of each timed row. Default: 1 and 4. */
  workerCounts?: number[]
  /** Products streamed for the ingest rate. Default: 20 000 (`BENCH_QUEUE_INGEST`). */
  ingestProducts?: number
  log?: (message: string) => void
}

/** One scrape of every site by N remote workers. */
export interface QueueRow {
  workers: number
  /** From the Start request to the end of the last brand's successful run. */
  seconds: number
  workerRssMiB: number[]
  coordinatorRssMiB: number
  /** Runs that did not succeed (there should be none). */
  otherRuns: number
}

/** What {@link measureQueue} found. */
export interface QueueFigures {
  sites: number
  products: number
  rows: QueueRow[]
  ingest: { products: number; seconds: number; perSecond: number; batch: number }
  /** The same products committed in process, without Redis or validation: the store's part. */
  commit: { products: number; seconds: number; perSecond: number; batch: number }
  load: number
}

/** The heading of this benchmark's section in docs/benchmarks.md. */
export const queueHeading = '## 7. Scale-out through Redis'

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** Scrapes every site once with `count` remote workers, on a fresh catalog and Redis. */
async function scrapeAll(sites: FixtureSite[], count: number): Promise<QueueRow> {
  const temp = makeTempDir('brand-scraper-bench-queue-')
  const redis = await startRedisServer()
  const db = join(temp.dir, 'catalog.db')
  const store = CatalogStore.open(db)
  sites.forEach((site, i) => store.brands.add({ name: `Queue Brand ${i + 1}`, website: site.url }))
  const fleet = new QueueFleet(temp.dir)
  const rss = new Map<number, number>()
  const sample = (pid: number): void => {
    const mib = residentMiB(pid)
    if (mib !== undefined) rss.set(pid, Math.max(mib, rss.get(pid) ?? 0))
  }
  try {
    const { member: serve, url } = await fleet.startServe(db, redis.url)
    const workers = Array.from({ length: count }, () => fleet.startWorker(redis.url))
    // Every worker is up (it has sent a heartbeat) before the clock starts.
    while (store.workers.list().length < count) {
      if (fleet.running.length <= count) throw new Error(`a process exited:\n${fleet.describe()}`)
      await pause(200)
    }
    const startedAt = Date.now()
    await callApi(url, '/api/worker/start', { mode: 'once', delay: 0, workers: 1 })
    const succeeded = store.db.prepare(
      `SELECT count(DISTINCT brand_id) AS done, max(ended_at) AS last FROM runs
       WHERE status = 'succeeded'`
    )
    for (;;) {
      for (const member of [serve, ...workers]) sample(member.pid)
      const { done, last } = succeeded.get() as { done: number; last: string | null }
      if (done === sites.length) {
        const other = store.db
          .prepare(`SELECT count(*) AS n FROM runs WHERE status != 'succeeded'`)
          .get() as { n: number }
        return {
          workers: count,
          seconds: (Date.parse(last!) - startedAt) / 1000,
          workerRssMiB: workers.map((worker) => rss.get(worker.pid) ?? NaN),
          coordinatorRssMiB: rss.get(serve.pid) ?? NaN,
          otherRuns: other.n
        }
      }
      if (Date.now() - startedAt > 600_000) throw new Error(`timed out:\n${fleet.describe()}`)
      await pause(250)
    }
  } finally {
    await fleet.stopAll()
    store.close()
    await redis.stop()
    redis.cleanup()
    temp.cleanup()
  }
}

/** A product as a shop page gives it: identifiers, a description, images, specs and raw data. */
function ingestProduct(i: number): ExtractedProduct {
  return bareProduct(`Ingest Monitor ${i}`, {
    sku: `SKU-${i}`,
    gtin: String(4006381333931 + i),
    price: 100 + (i % 50),
    currency: 'EUR',
    availability: 'InStock',
    description: 'A 27 inch monitor with a matte IPS panel and a stand that tilts. '.repeat(3),
    category: 'Monitors',
    images: [`https://ingest.example/images/${i}.jpg`, `https://ingest.example/images/${i}b.jpg`],
    specs: { size: '27 in', panel: 'IPS', refresh: '144 Hz' },
    raw: { jsonLd: { '@type': 'Product', name: `Ingest Monitor ${i}`, sku: `SKU-${i}` } }
  })
}

/** What a worker streams when it starts the benchmark's one run, of brand `brandId`, now. */
function runStartedEntry(brandId: number): RemoteEntry {
  return {
    type: 'run-started',
    workerId: 'bench-1-aaaa',
    host: 'bench',
    pid: 1,
    attemptId: 'bench',
    brandId,
    startedAt: new Date().toISOString(),
    leaseMs: 600_000
  }
}

/** What a worker streams for product `i` of that run. */
function productEntry(i: number): RemoteEntry {
  const url = `https://ingest.example/products/${i}`
  return { type: 'product', attemptId: 'bench', url, product: ingestProduct(i) }
}

/**
 * Times {@link QueueIngest} alone committing `count` validated product entries of one run in
 * transactions of `batch`: the catalog's share of the ingest, without Redis or validation.
 */
export function measureIngestCommit(count: number, batch: number): QueueFigures['commit'] {
  const temp = makeTempDir('brand-scraper-bench-commit-')
  const store = CatalogStore.open(join(temp.dir, 'catalog.db'))
  try {
    const brandId = store.brands.add({ name: 'Ingest', website: 'https://ingest.example' }).id
    const ingest = new QueueIngest(store, resultStreamKey)
    const entries: IngestEntry[] = [{ id: '1-0', entry: runStartedEntry(brandId) }]
    for (let i = 0; i < count; i++) entries.push({ id: `1-${i + 1}`, entry: productEntry(i) })
    const isAfter = (a: string, b: string): boolean => compareStreamIds(a, b) > 0
    const begin = performance.now()
    for (let from = 0; from < entries.length; from += batch) {
      ingest.commit(entries.slice(from, from + batch), isAfter)
    }
    const seconds = (performance.now() - begin) / 1000
    return { products: count, seconds, perSecond: count / seconds, batch }
  } finally {
    store.close()
    temp.cleanup()
  }
}

/** Streams `count` products of one run, then times the ingest loop committing them. */
async function measureIngest(count: number, batch: number): Promise<QueueFigures['ingest']> {
  const temp = makeTempDir('brand-scraper-bench-ingest-')
  const server = await startRedisServer()
  const redis = new Redis(server.port, '127.0.0.1')
  const reading = redis.duplicate()
  const store = CatalogStore.open(join(temp.dir, 'catalog.db'))
  try {
    const brandId = store.brands.add({ name: 'Ingest', website: 'https://ingest.example' }).id
    await redis.xadd(resultStreamKey, '*', 'e', JSON.stringify(runStartedEntry(brandId)))
    for (let from = 0; from < count; from += 1000) {
      const pipeline = redis.pipeline()
      for (let i = from; i < Math.min(count, from + 1000); i++) {
        pipeline.xadd(resultStreamKey, '*', 'e', JSON.stringify(productEntry(i)))
      }
      await pipeline.exec()
    }
    let products = 0
    const begin = performance.now()
    const loop = new QueueIngestLoop(
      store,
      new ResultStreamReader(reading),
      { committed: (outcome) => (products += outcome.products), warn: () => undefined },
      { batch, blockMs: 50 }
    )
    while (products < count) await pause(5)
    const seconds = (performance.now() - begin) / 1000
    await loop.close()
    return { products: count, seconds, perSecond: count / seconds, batch }
  } finally {
    reading.disconnect()
    redis.disconnect()
    store.close()
    await server.stop()
    server.cleanup()
    temp.cleanup()
  }
}

/** Measures 1 and 4 remote workers on eight sites, and the coordinator's ingest rate. */
export async function measureQueue(options: QueueBenchOptions = {}): Promise<QueueFigures> {
  const missing = redisUnavailable()
  if (missing) throw new Error(missing)
  const log = options.log ?? (() => undefined)
  const siteCount = options.sites ?? Number(process.env.BENCH_QUEUE_SITES ?? 8)
  const products = options.products ?? Number(process.env.BENCH_QUEUE_PRODUCTS ?? 32)
  const ingestCount = options.ingestProducts ?? Number(process.env.BENCH_QUEUE_INGEST ?? 20_000)
  const load = loadavg()[0]!
  const sites = await Promise.all(
    Array.from({ length: siteCount }, (_, i) =>
      startFixtureSite(sitemapBrandSite({ products, prefix: `Queue ${i + 1} Monitor` }).routes)
    )
  )
  try {
    const rows: QueueRow[] = []
    for (const count of options.workerCounts ?? [1, 4]) {
      log(`${count} remote worker(s) scraping ${siteCount} sites of ${products} products…`)
      rows.push(await scrapeAll(sites, count))
    }
    log(`ingest of ${ingestCount} streamed products…`)
    const ingest = await measureIngest(ingestCount, 1000)
    const commit = measureIngestCommit(ingestCount, 1000)
    return { sites: siteCount, products, rows, ingest, commit, load }
  } finally {
    await Promise.all(sites.map((site) => site.close()))
  }
}

const mib = (values: number[]): string => {
  const known = values.filter((value) => Number.isFinite(value))
  if (known.length === 0) return '?'
  const [low, high] = [Math.min(...known), Math.max(...known)]
  return high - low < 1 ? `${high.toFixed(0)} MiB` : `${low.toFixed(0)}–${high.toFixed(0)} MiB`
}

/** The section of docs/benchmarks.md, from {@link measureQueue}'s figures. */
export function queueSection(figures: QueueFigures): string {
  const base = figures.rows.find((row) => row.workers === 1)
  const speedup = (row: QueueRow): number => (base ? base.seconds / row.seconds : NaN)
  const four = figures.rows.find((row) => row.workers === 4)
  const { concurrency, minDelayMs } = brandSettingDefaults
  const { ingest } = figures
  const paragraphs = [
    queueHeading,
    `${figures.sites} fixture brand sites of ${figures.products} JSON-LD products each, every ` +
      `brand at the default politeness (per-site concurrency ${concurrency}, ${minDelayMs} ms ` +
      'between requests). One `serve --queue` over a local redis-server (AOF on) and N ' +
      '`worker --queue` processes, each in its own folder with no catalog; every worker is up ' +
      'before `POST /api/worker/start {"mode": "once"}` queues every brand, and the time runs ' +
      "from that request to the end of the last brand's successful run, as committed by the " +
      'coordinator.',
    [
      '| remote workers | seconds | speed-up vs 1 | worker RSS, each | coordinator RSS |',
      '|---|---|---|---|---|',
      ...figures.rows.map(
        (row) =>
          `| ${row.workers} | ${row.seconds.toFixed(1)} | ${speedup(row).toFixed(2)}× | ` +
          `${mib(row.workerRssMiB)} | ${mib([row.coordinatorRssMiB])} |`
      )
    ].join('\n'),
    four
      ? `4 remote workers scrape the ${figures.sites} sites **${speedup(four).toFixed(2)}×** as ` +
        'fast as 1 (target: at least 2.5×): a site is bound by its politeness, so workers on ' +
        'different sites add up.'
      : '',
    `**Ingest:** ${ingest.products.toLocaleString('en')} product entries already in the stream ` +
      `were validated, committed to SQLite in transactions of ${ingest.batch} and acknowledged ` +
      `in ${ingest.seconds.toFixed(2)} s: **${Math.round(ingest.perSecond).toLocaleString('en')} ` +
      `products/s** (target: at least 5,000/s). Of that, committing alone (the same entries, ` +
      `already validated, given to the ingest in process) runs at ` +
      `${Math.round(figures.commit.perSecond).toLocaleString('en')} products/s; the rest is ` +
      'reading from Redis, JSON and zod validation, and acknowledging. A catalog of brands is written at tens of ' +
      'products per second while crawling, so one writer has two orders of magnitude to spare.',
    ...figures.rows
      .filter((row) => row.otherRuns > 0)
      .map((row) => `Caveat, ${row.workers} workers: ${row.otherRuns} runs did not succeed.`),
    'Memory is the peak resident set (VmRSS) while scraping, run from source through tsx as ' +
      '`npm run cli` does. ' +
      `Load average when this began: ${figures.load.toFixed(2)} on 2 cores. Reproduce: ` +
      '`npm run bench`, or this section alone with `npx tsx bench/measure-queue.ts` ' +
      '(`BENCH_QUEUE_SITES`, `BENCH_QUEUE_PRODUCTS` and `BENCH_QUEUE_INGEST` change the sizes).'
  ]
  return `${paragraphs.filter(Boolean).join('\n\n')}\n`
}

if (isMainModule(import.meta.url)) {
  runBenchmarkAlone(queueHeading, (log) => measureQueue({ log }), queueSection)
}
