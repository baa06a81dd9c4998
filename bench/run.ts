/**
 * `npm run bench`: measures what the issues promise, on this machine, and writes
 * docs/benchmarks.md. Not a test: it asserts nothing, it reports.
 *
 * 1. Control latency while scraping: p50/p99 of `GET /api/worker/status` while the worker scrapes
 *    a 300-product fixture site at full speed, against the same with the worker idle.
 * 2. Scrape throughput: product pages per second on that site, HTTP-first.
 * 3. HTTP-first against browser-only on the same static site, at equal politeness.
 * 4. Extraction scores on the real product pages, per field.
 * 5. The log viewer with 100 000 lines in Chromium: scrolling back to hold them, frame times.
 * 6. Many workers on one catalog: eight sites with 1, 2 and 4 workers, and their memory.
 * 7. Extraction on 73 shop pages beside the commercial extractors' published answers.
 * 8. Scale-out through Redis: 1 against 4 remote workers, the coordinator's ingest rate.
 * 9. Start-up of the built command, as ratios to `node -e 0`.
 * 10. Against a generic crawler (Crawlee's PlaywrightCrawler), static and client-rendered sites.
 *
 * Each of 6–10 also runs alone (`npm run bench:workers`, `bench:extraction`, `bench:queue`,
 * `bench:startup`, `bench:crawlers`) and then rewrites only its own section.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, setPriority, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Coordinator } from '../src/main/coordinator/coordinator'
import { nodeWorkerTransport } from '../src/main/coordinator/node-worker-transport'
import { startHttpServer } from '../src/main/server/http-server'
import { scoreRealPages } from '../tests/support/score-real-pages'
import { measureLogViewer, type FrameFigures } from './measure-log-viewer'
import { measureWorkers, workersSection } from './measure-workers'
import { extractionSection, measureExtraction } from './measure-extraction'
import { measureQueue, queueSection } from './measure-queue'
import { measureStartup, startupSection } from './measure-startup'
import { crawlersSection, measureCrawlers } from './measure-crawlers'
import { fork } from 'node:child_process'
import { makeTempDir } from '../tests/support/temp-dir'

const productCount = Number(process.env.BENCH_PRODUCTS ?? 300)
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 4)
const latencyRuns = Number(process.env.BENCH_LATENCY_RUNS ?? 10)
const throughputRuns = Number(process.env.BENCH_THROUGHPUT_RUNS ?? 3)
const idleSamplesPerRun = 200
const root = join(import.meta.dirname, '..')

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

function log(message: string): void {
  process.stderr.write(`${message}\n`)
}

/** Peak resident memory of a process so far, from /proc (Linux), in MiB. */
function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : null
  } catch {
    return null
  }
}

async function timeStatusRequests(
  url: string,
  until: () => boolean,
  max: number
): Promise<number[]> {
  const latencies: number[] = []
  while (latencies.length < max && until()) {
    const start = performance.now()
    const response = await fetch(`${url}/api/worker/status`)
    await response.arrayBuffer()
    latencies.push(performance.now() - start)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return latencies
}

interface ScrapeFigures {
  seconds: number
  productPages: number
  pagesPerSecond: number
  workerPeakRssMiB: number | null
  /** Status requests answered by the same server just before the worker started. */
  idleLatencies: number[]
  latencies: number[]
}

async function scrapeOnce(browserOnly: boolean, measureLatency: boolean): Promise<ScrapeFigures> {
  const temp = makeTempDir('brand-scraper-bench-')
  const site = await startSiteProcess()
  const coordinator = Coordinator.open({
    dbPath: join(temp.dir, 'catalog.db'),
    workerTransport: nodeWorkerTransport(),
    runOverrides: { minDelayMs: 0, concurrency, browserOnly, maxPages: productCount + 50 }
  })
  const server = await startHttpServer({ coordinator, port: 0 })
  try {
    coordinator.store.brands.add({ name: 'Bench Audio', website: site.url })
    let progressPrinted = 0
    coordinator.subscribe((event, payload) => {
      if (event !== 'progress') return
      const progress = payload as { productsFound: number; pagesDiscovered: number }
      if (progress.productsFound - progressPrinted >= 50) {
        progressPrinted = progress.productsFound
        log(`  … ${progress.productsFound}/${productCount} products`)
      }
    })
    // The idle baseline comes from this same server and process, just before the worker starts,
    // so that the comparison differs only by the scrape.
    let idleLatencies: number[] = []
    if (measureLatency) {
      await timeStatusRequests(server.url, () => true, 50)
      idleLatencies = await timeStatusRequests(server.url, () => true, idleSamplesPerRun)
    }
    const pid = coordinator.start('once', 0)[0]!
    let peak: number | null = null
    const sampler = setInterval(() => {
      const rss = peakRssMiB(pid)
      if (rss !== null) peak = rss
    }, 100)
    // Wait for the worker to be scraping, so the latency sample is taken under load.
    while (coordinator.status.is_running && !coordinator.status.progress) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const latencies = measureLatency
      ? await timeStatusRequests(server.url, () => coordinator.status.is_running, 5000)
      : []
    await coordinator.whenIdle()
    clearInterval(sampler)
    const [run] = coordinator.store.runs.list({ limit: 1 })
    if (!run || run.status !== 'succeeded')
      throw new Error(`bench run ended ${run?.status}: ${run?.message}`)
    const seconds = (Date.parse(run.endedAt!) - Date.parse(run.startedAt)) / 1000
    return {
      seconds,
      productPages: run.productsFound,
      pagesPerSecond: run.productsFound / seconds,
      workerPeakRssMiB: peak,
      idleLatencies,
      latencies
    }
  } finally {
    await server.close()
    await coordinator.shutdown()
    await site.close()
    temp.cleanup()
  }
}

/** The fixture site, in a process of its own. */
async function startSiteProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const child = fork(join(import.meta.dirname, 'fixture-site-process.ts'), [String(productCount)], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url))
    child.once('exit', (code) => reject(new Error(`fixture site exited with ${code}`)))
  })
  // A brand's site is remote and costs this machine no CPU; the fixture standing in for it runs
  // at the lowest priority so that it takes as little as possible from what is measured.
  if (child.pid) setPriority(child.pid, 19)
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.disconnect()
      })
  }
}

/** Scrapes the site `throughputRuns` times with one engine and keeps the run of median speed. */
async function medianRun(engine: string, browserOnly: boolean): Promise<ScrapeFigures> {
  const runs: ScrapeFigures[] = []
  for (let i = 1; i <= throughputRuns; i++) {
    log(`${engine} scrape of the same site, nothing else running (${i}/${throughputRuns})…`)
    runs.push(await scrapeOnce(browserOnly, false))
  }
  runs.sort((a, b) => a.pagesPerSecond - b.pagesPerSecond)
  return runs[Math.floor(runs.length / 2)]!
}

const ms = (value: number): string => `${value.toFixed(2)} ms`

function frameRow(what: string, frames: FrameFigures): string {
  return `| ${what} | ${frames.count} | ${frames.p50.toFixed(1)} ms | **${frames.p95.toFixed(1)} ms** | ${frames.max.toFixed(1)} ms | ${frames.longFrames} |`
}

async function main(): Promise<void> {
  // One scrape of 300 pages lasts a second or two: a few of them give the p99 enough samples.
  const loadedRuns: ScrapeFigures[] = []
  for (let i = 1; i <= latencyRuns; i++) {
    log(
      `HTTP-first scrape of ${productCount} products with status requests alongside (${i}/${latencyRuns})…`
    )
    loadedRuns.push(await scrapeOnce(false, true))
  }
  const idle = loadedRuns.flatMap((run) => run.idleLatencies)
  // Each round's own ratio: how much one round's p99 (its one or two slowest answers) moves.
  const roundRatios = loadedRuns
    .map((run) => percentile(run.latencies, 99) / percentile(run.idleLatencies, 99))
    .sort((a, b) => a - b)
  const roundSpread =
    `${roundRatios[0]!.toFixed(2)}× to ${roundRatios.at(-1)!.toFixed(2)}× ` +
    `(median ${roundRatios[Math.floor(roundRatios.length / 2)]!.toFixed(2)}×)`
  const loaded = {
    latencies: loadedRuns.flatMap((run) => run.latencies),
    pagesPerSecond: loadedRuns.reduce((sum, run) => sum + run.pagesPerSecond, 0) / loadedRuns.length
  }
  if (process.env.BENCH_ONLY === 'latency') {
    // For working on the coordinator's latency alone; writes no report.
    const [idleP99, busyP99] = [percentile(idle, 99), percentile(loaded.latencies, 99)]
    log(`idle p99 ${ms(idleP99)}, scraping p99 ${ms(busyP99)}: ${(busyP99 / idleP99).toFixed(2)}×`)
    log(`round by round: ${roundSpread}`)
    return
  }
  // Throughput is measured without the latency probe, for both engines alike.
  const http = await medianRun('HTTP-first', false)
  const browser = await medianRun('Browser-only', true)
  log('Extraction scores on the real product pages…')
  const realPagesDir =
    process.env.BRAND_SCRAPER_REAL_PAGES ?? join(root, 'tests', 'fixtures', 'real-product-pages')
  const scores = scoreRealPages(realPagesDir)
  log('Log viewer with 100 000 lines in Chromium…')
  const viewer = await measureLogViewer({ log })
  log('Many workers on one catalog…')
  const workers = await measureWorkers({ log })
  // The later sections are independent: one that fails says why in its place, the rest are kept.
  const later: string[] = []
  for (const [title, measure] of laterSections) {
    log(`${title}…`)
    later.push(
      await measure().catch((error: unknown) => `## ${title}\n\nFailed: ${String(error)}\n`)
    )
  }

  const idleP50 = percentile(idle, 50)
  const idleP99 = percentile(idle, 99)
  const busyP50 = percentile(loaded.latencies, 50)
  const busyP99 = percentile(loaded.latencies, 99)
  const ratio = busyP99 / idleP99
  const speedup = http.pagesPerSecond / browser.pagesPerSecond
  const fieldRows = Object.entries(scores.fields)
    .map(
      ([field, { right, total }]) =>
        `| ${field} | ${right}/${total} | ${((100 * right) / total).toFixed(0)}% |`
    )
    .join('\n')
  const allRight = Object.values(scores.fields).reduce((sum, f) => sum + f.right, 0)
  const allTotal = Object.values(scores.fields).reduce((sum, f) => sum + f.total, 0)

  const report = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores
(${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version},
Chromium from \`${process.env.BRAND_SCRAPER_CHROMIUM ?? 'auto-detected'}\`. Every site is a fixture
served on 127.0.0.1 by the benchmark itself: ${productCount} JSON-LD product pages found through
robots.txt → sitemap index → sitemaps, per-site concurrency ${concurrency}, no politeness delay. The
fixture site runs in its own process at the lowest CPU priority: a real brand's site is remote and
costs this machine nothing.

Reproduce: \`npm ci && npm run bench\` (\`BENCH_PRODUCTS\`, \`BENCH_CONCURRENCY\` change the site
size and concurrency). The figures below are this file as the last run wrote it.

## 1. Control latency while scraping

\`GET /api/worker/status\` sent one after another (5 ms apart) to \`serve\`'s HTTP API, in
${latencyRuns} rounds (\`BENCH_LATENCY_RUNS\`): each round starts a fresh coordinator and server,
measures ${idleSamplesPerRun} requests with the worker idle, then as many as fit while the worker
scrapes the whole site; the rows pool the rounds. The requests come from the benchmark's own
process, which is also the coordinator's, as a UI's would compete for the same two cores.

| worker | requests | p50 | p99 |
|---|---|---|---|
| idle | ${idle.length} | ${ms(idleP50)} | ${ms(idleP99)} |
| scraping ${productCount} products at full speed | ${loaded.latencies.length} | ${ms(busyP50)} | ${ms(busyP99)} |

p99 while scraping is **${ratio.toFixed(2)}×** idle (target: within 1.5×). The coordinator never
scrapes; the worker is its own process at a lower CPU priority, so its work does not queue behind
the API's. (Under this probe the scrape itself ran at ${loaded.pagesPerSecond.toFixed(1)} pages/s:
on 2 cores the probe, the fixture site and the coordinator take CPU from the niced worker.)
Round by round, the ratio of the two p99s ran from ${roundSpread}: a round has
${idleSamplesPerRun} idle requests and about ${Math.round(loaded.latencies.length / latencyRuns)} while
scraping, so its p99 is its slowest one or two answers, which the
scheduler's timing moves more than anything the coordinator does (it is idle over 90% of a round,
measured with \`--cpu-prof\`). The pooled rows above are the figure to read.

## 2. Scrape throughput

| engine | product pages | seconds | pages/s | worker peak RSS |
|---|---|---|---|---|
| HTTP first | ${http.productPages} | ${http.seconds.toFixed(2)} | **${http.pagesPerSecond.toFixed(1)}** | ${http.workerPeakRssMiB?.toFixed(0) ?? '?'} MiB |
| browser only (\`--browser-only\`) | ${browser.productPages} | ${browser.seconds.toFixed(2)} | ${browser.pagesPerSecond.toFixed(1)} | ${browser.workerPeakRssMiB?.toFixed(0) ?? '?'} MiB (Node only; Chromium's own processes not counted) |

HTTP first is **${speedup.toFixed(1)}×** browser-only on this static site (target: at least 20×).
Each row is the median of ${throughputRuns} runs (\`BENCH_THROUGHPUT_RUNS\`), each in a fresh worker
process. Both engines use the same concurrency and delay, with nothing else running; the time is the run's, from its start to its end
as recorded in the catalog (robots.txt and sitemaps included; the browser-only run includes
launching Chromium).

## 3. Extraction on real product pages

${scores.pages} saved pages from real shops (\`tests/fixtures/real-product-pages\`), each field
compared with \`truth.json\`. Overall **${allRight}/${allTotal}** (${((100 * allRight) / allTotal).toFixed(1)}%);
values extracted where the page has none: **${scores.absentViolations.length}**.

| field | right | share |
|---|---|---|
${fieldRows}
${scores.failures.length ? `\nWrong or missing:\n\n${scores.failures.map((f) => `- ${f}`).join('\n')}\n` : ''}
## 4. Log viewer with 100 000 lines

The built UI in headless Chromium (\`--disable-gpu\`: software rasterizing, a pessimistic stand-in
for the desktop window), 1280×800, against a real coordinator whose log holds
${viewer.seededLines.toLocaleString('en-US')} lines. The Log tab opens on the newest 5 000; the
benchmark then scrolls to the top again and again, each time loading the 5 000 lines before the
oldest held, until the viewer stops: **${viewer.lines.toLocaleString('en-US')} lines held**
(${viewer.stoppedAt === 'cap' ? 'the cap' : 'the beginning of the log'}) after ${viewer.pages} pages
in **${(viewer.loadMs / 1000).toFixed(1)} s**. After each page the line at the top of the view was
checked: it moved ${viewer.anchorMoves} times in ${viewer.anchorChecks}. Renderer JS heap with
every line held: ${viewer.heapMiB === null ? 'not reported' : `${viewer.heapMiB.toFixed(0)} MiB`}.

Then, with the 100 000 lines held, the time between animation frames (\`requestAnimationFrame\`)
while the page itself moves \`scrollTop\` once per frame, down then back up:

| pattern | frames per run | p50 | p95 | max | frames over 50 ms |
|---|---|---|---|---|---|
${frameRow('scroll: 120 px per frame (steady wheel) from the top', viewer.scroll)}
${frameRow('fling: 600 px per frame from the top', viewer.wheel)}
${frameRow('drag: the whole list each way', viewer.drag)}
${frameRow(`following while ${viewer.liveLinesPerSecond} lines/s arrive`, viewer.live)}
${frameRow('held still (this browser at best)', viewer.still)}

Each figure is the median of ${viewer.runs} page loads. The display refreshes every 16.7 ms: a p95 at
or under 16.7 ms is smooth; 33.3 ms means one frame in twenty or more missed its refresh. While
following, the newest line ${viewer.liveFollowed ? 'stayed' : '**did not stay**'} in view. Script
scrolling once per frame is not a user's wheel or trackpad (those scroll on the compositor thread
first), and every frame here lays out and paints new rows in software: read these as an upper
bound on what the desktop window costs.
`
  const full = [report, workersSection(workers), ...later].join('\n')
  writeFileSync(join(root, 'docs', 'benchmarks.md'), full)
  process.stdout.write(full)
}

/** Sections 6–9 of the file, each measured and written by its own module. */
const laterSections: Array<[string, () => Promise<string>]> = [
  ['Extraction on 73 shop pages', async () => extractionSection(await measureExtraction({ log }))],
  ['Scale-out through Redis', async () => queueSection(await measureQueue({ log }))],
  ['Start-up of the built command', async () => startupSection(await measureStartup({ log }))],
  ['Against a generic crawler', async () => crawlersSection(await measureCrawlers({ log }))]
]

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack}\n`)
  process.exitCode = 1
})
