/**
 * Many workers on one catalog (issue 8): eight fixture brand sites at the default politeness,
 * scraped once by 1, 2 and 4 terminal workers (`worker --mode continuous --delay 0`, separate
 * processes sharing the catalog) and by one `serve` running 4; the time, the speed-up over one
 * worker, and the resident memory of the worker and coordinator processes.
 *
 * Part of `npm run bench`; alone, `npx tsx bench/measure-workers.ts` measures and rewrites only
 * its own section of docs/benchmarks.md.
 */
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { brandSettingDefaults } from '../src/shared/brand'
import { CatalogStore } from '../src/store/catalog-store'
import { CliFleet } from '../tests/integration/cli-fleet'
import { callApi } from '../tests/support/call-api'
import { parentPid, residentMiB } from '../tests/integration/process-table'
import { sitemapBrandSite } from '../tests/support/brand-sites'
import { startFixtureSite, type FixtureSite } from '../tests/support/fixture-sites/index'
import { makeTempDir } from '../tests/support/temp-dir'
import { isMainModule, runBenchmarkAlone } from './benchmark-section'

/** Options of {@link measureWorkers}. */
export interface WorkersBenchOptions {
  /** Brand sites. Default: 8 (`BENCH_WORKER_SITES`). */
  sites?: number
  /** Products on each site. Default: 32 (`BENCH_WORKER_PRODUCTS`). */
  products?: number
  /** Terminal workers of each timed row. Default: 1, 2 and 4. */
  workerCounts?: number[]
  /** Workers of the one `serve` whose coordinator's memory is reported. Default: 4. */
  poolWorkers?: number
  /** Progress lines. Default: none. */
  log?: (message: string) => void
}

/** One scrape of every site by a set of workers. */
export interface WorkersRow {
  /** `1 terminal worker`, `4 from one serve`. */
  setup: string
  workers: number
  /** From the instant every brand fell due to the end of the last brand's successful run. */
  seconds: number
  /** Peak resident memory of each worker process, in MiB. */
  workerRssMiB: number[]
  /** Peak resident memory of each coordinator process (a terminal's CLI, or `serve`), in MiB. */
  coordinatorRssMiB: number[]
  /** Runs that did not succeed (there should be none). */
  otherRuns: number
  /** Workers not yet registered when the brands fell due: their start is in the time. */
  late: number
}

/** What {@link measureWorkers} found. */
export interface WorkersFigures {
  sites: number
  products: number
  rows: WorkersRow[]
  /** The `serve` row, or why it could not run. */
  pool: WorkersRow | { error: string }
  /** The 1-minute load average when the measurement began (2 cores: above 2 means contention). */
  load: number
}

/** The heading of this benchmark's section in docs/benchmarks.md. */
export const workersHeading = '## 5. Many workers on one catalog'

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** Largest of the values; NaN when there are none. */
const peak = (values: number[]): number => (values.length ? Math.max(...values) : NaN)

/**
 * Scrapes every site once with the workers `start` starts, on a fresh catalog. Every brand is
 * held until one instant, so that workers whose processes start seconds apart (tsx compiles on
 * start) begin together: a continuous worker waits for the first brand to fall due.
 */
async function scrapeAll(
  sites: FixtureSite[],
  setup: string,
  workers: number,
  start: (fleet: CliFleet) => Promise<void>
): Promise<WorkersRow> {
  const temp = makeTempDir('brand-scraper-bench-workers-')
  const db = join(temp.dir, 'catalog.db')
  const store = CatalogStore.open(db)
  const fleet = new CliFleet(db)
  const rss = new Map<number, { worker: boolean; peak: number }>()
  try {
    sites.forEach((site, i) =>
      store.brands.add({ name: `Bench Brand ${i + 1}`, website: site.url })
    )
    const dueAt = Date.now() + 15_000 + 5_000 * workers
    store.db.prepare('UPDATE brands SET next_due_at = ?').run(new Date(dueAt).toISOString())
    await start(fleet)
    let late = workers
    const succeeded = store.db.prepare(
      `SELECT count(DISTINCT brand_id) AS done, max(ended_at) AS last FROM runs
       WHERE status = 'succeeded'`
    )
    for (;;) {
      const registered = store.workers.list()
      if (Date.now() <= dueAt) late = workers - registered.length
      for (const { pid } of registered) {
        for (const [id, worker] of [
          [pid, true],
          [parentPid(pid), false]
        ] as const) {
          const mib = id === undefined ? undefined : residentMiB(id)
          if (id !== undefined && mib !== undefined) {
            rss.set(id, { worker, peak: Math.max(mib, rss.get(id)?.peak ?? 0) })
          }
        }
      }
      const { done, last } = succeeded.get() as { done: number; last: string | null }
      if (done === sites.length) {
        const other = store.db
          .prepare(`SELECT count(*) AS n FROM runs WHERE status != 'succeeded'`)
          .get() as { n: number }
        const values = [...rss.values()]
        return {
          setup,
          workers,
          seconds: (Date.parse(last!) - dueAt) / 1000,
          workerRssMiB: values.filter((v) => v.worker).map((v) => v.peak),
          coordinatorRssMiB: values.filter((v) => !v.worker).map((v) => v.peak),
          otherRuns: other.n,
          late
        }
      }
      if (fleet.running.length === 0) throw new Error(`${setup}: every process exited`)
      await pause(250)
    }
  } finally {
    await fleet.stopAll()
    store.close()
    temp.cleanup()
  }
}

/** Terminal workers: each its own CLI (a coordinator) with one worker process. */
function terminalWorkers(count: number): (fleet: CliFleet) => Promise<void> {
  return async (fleet) => {
    for (let i = 0; i < count; i++) fleet.startTerminalWorker()
  }
}

/** One `serve` whose coordinator starts `count` worker processes. */
function servePool(count: number): (fleet: CliFleet) => Promise<void> {
  return async (fleet) => {
    const { url } = await fleet.startServe()
    await callApi(url, '/api/worker/start', { mode: 'continuous', delay: 0, workers: count })
  }
}

/** Measures the time and memory of 1, 2 and 4 workers on eight sites. */
export async function measureWorkers(options: WorkersBenchOptions = {}): Promise<WorkersFigures> {
  const log = options.log ?? (() => undefined)
  const siteCount = options.sites ?? Number(process.env.BENCH_WORKER_SITES ?? 8)
  const products = options.products ?? Number(process.env.BENCH_WORKER_PRODUCTS ?? 32)
  const load = loadavg()[0]!
  const sites = await Promise.all(
    Array.from({ length: siteCount }, (_, i) =>
      startFixtureSite(sitemapBrandSite({ products, prefix: `Bench ${i + 1} Monitor` }).routes)
    )
  )
  try {
    const rows: WorkersRow[] = []
    for (const count of options.workerCounts ?? [1, 2, 4]) {
      const setup = `${count} terminal worker${count === 1 ? '' : 's'}`
      log(`${setup} scraping ${siteCount} sites of ${products} products…`)
      rows.push(await scrapeAll(sites, setup, count, terminalWorkers(count)))
    }
    const poolWorkers = options.poolWorkers ?? 4
    log(`one serve with ${poolWorkers} workers…`)
    let pool: WorkersFigures['pool']
    try {
      const setup = `${poolWorkers} from one \`serve\``
      pool = await scrapeAll(sites, setup, poolWorkers, servePool(poolWorkers))
    } catch (error) {
      pool = { error: (error as Error).message.split('\n')[0]! }
    }
    return { sites: siteCount, products, rows, pool, load }
  } finally {
    await Promise.all(sites.map((site) => site.close()))
  }
}

const mib = (values: number[]): string => {
  if (values.length === 0) return '?'
  const [low, high] = [Math.min(...values), Math.max(...values)]
  return high - low < 1 ? `${high.toFixed(0)} MiB` : `${low.toFixed(0)}–${high.toFixed(0)} MiB`
}

/** The section of docs/benchmarks.md, from {@link measureWorkers}' figures. */
export function workersSection(figures: WorkersFigures): string {
  const base = figures.rows.find((row) => row.workers === 1)
  const speedup = (row: WorkersRow): number => (base ? base.seconds / row.seconds : NaN)
  const line = (row: WorkersRow): string =>
    `| ${row.setup} | ${row.seconds.toFixed(1)} | ${speedup(row).toFixed(2)}× | ` +
    `${mib(row.workerRssMiB)} | ${mib(row.coordinatorRssMiB)} (${row.coordinatorRssMiB.length}) |`
  const pool = 'error' in figures.pool ? undefined : figures.pool
  const poolError = 'error' in figures.pool ? figures.pool.error : ''
  const poolTotal = pool
    ? peak(pool.coordinatorRssMiB) + pool.workerRssMiB.reduce((sum, v) => sum + v, 0)
    : NaN
  const four = figures.rows.find((row) => row.workers === 4)
  const { concurrency, minDelayMs } = brandSettingDefaults
  const paragraphs = [
    workersHeading,
    `${figures.sites} fixture brand sites of ${figures.products} JSON-LD products each ` +
      '(robots.txt → sitemap index → sitemaps, served by the benchmark itself), every brand at ' +
      `the default politeness: per-site concurrency ${concurrency}, ${minDelayMs} ms between ` +
      'requests. Each row scrapes every site once on a fresh catalog. Terminal workers are ' +
      'separate `worker --mode continuous --delay 0` processes on the one catalog, each a CLI ' +
      '(its own coordinator) with one worker process; the last row is one `serve` whose ' +
      'coordinator runs them all (`POST /api/worker/start {"workers": N}`). Every brand is held ' +
      'until one instant, so that workers whose processes start seconds apart begin together; ' +
      "the time runs from that instant to the end of the last brand's successful run.",
    [
      '| workers | seconds | speed-up vs 1 | worker RSS, each | coordinator RSS, each (count) |',
      '|---|---|---|---|---|',
      ...figures.rows.map(line),
      pool ? line(pool) : `| one \`serve\` | not measured: ${poolError} | | | |`
    ].join('\n'),
    four
      ? `4 workers scrape the ${figures.sites} sites **${speedup(four).toFixed(2)}×** as fast as ` +
        '1 (target: at least 2.5×). Politeness, not CPU, bounds a site: a worker spends most of ' +
        'its time waiting between requests, so workers on different sites add up until the CPU ' +
        'or the due brands run out.'
      : '',
    'Memory is the peak resident set (VmRSS) of each process while it scraped. Coordinators ' +
      'and workers run from source through tsx, as `npm run cli` does; its compiled code is in ' +
      'every figure.' +
      (pool
        ? ` A coordinator running ${pool.workers} workers holds ${mib(pool.coordinatorRssMiB)}, ` +
          `its workers ${mib(pool.workerRssMiB)} each: ${poolTotal.toFixed(0)} MiB in all.`
        : ''),
    ...[...figures.rows, ...(pool ? [pool] : [])]
      .filter((row) => row.otherRuns > 0 || row.late > 0)
      .map(
        (row) =>
          `Caveat, ${row.setup}: ${row.otherRuns} runs did not succeed; ${row.late} workers ` +
          'registered after the brands fell due, so their start-up is in the time.'
      ),
    `Load average when this began: ${figures.load.toFixed(2)} on 2 cores. Reproduce: ` +
      '`npm run bench`, or this section alone with `npx tsx bench/measure-workers.ts` ' +
      '(`BENCH_WORKER_SITES` and `BENCH_WORKER_PRODUCTS` change the sites).'
  ]
  return `${paragraphs.filter(Boolean).join('\n\n')}\n`
}

if (isMainModule(import.meta.url)) {
  runBenchmarkAlone(workersHeading, (log) => measureWorkers({ log }), workersSection)
}
