/**
 * Start-up budget (issue 12): how long the built command (`brand-scraper`, the esbuild bundle of
 * bin/brand-scraper.mjs) takes before it does anything, as ratios to `node -e 0` on the same
 * machine, since absolute times vary with it:
 *
 * - `brand-scraper brands list` on a catalog of a few brands, start to exit (target: within 5×);
 * - `brand-scraper worker --brand X`: from the command's start to the first request the brand's
 *   fixture site receives (target: 0.5 s);
 * - a Scrape click on a running `serve` (POST /api/worker/scrape/{brand}) to the first request at
 *   the site (target: 0.5 s);
 * - a stop (POST /api/worker/stop, with a scrape in flight) until the worker status is `stopped`
 *   and its process gone (target: 0.5 s).
 *
 * Each figure is the median of several runs. Part of `npm run bench`; alone, `npm run
 * bench:startup` measures and rewrites only its own section of docs/benchmarks.md.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { descendantPids, isRunning, residentMiB } from '../tests/integration/process-table'
import { launcher, root, startBuiltCli, type StartedProcess } from '../tests/cli/built-cli'
import { sitemapBrandSite } from '../tests/support/brand-sites'
import { callApi } from '../tests/support/call-api'
import { startFixtureSite, type FixtureSite } from '../tests/support/fixture-sites/index'
import { makeTempDir } from '../tests/support/temp-dir'
import { isMainModule, runBenchmarkAlone } from './benchmark-section'

/** Options of {@link measureStartup}. */
export interface StartupBenchOptions {
  /** Runs of each timed step; the median is reported. Default: 7 (`BENCH_STARTUP_RUNS`). */
  runs?: number
  /** Progress lines. Default: none. */
  log?: (message: string) => void
}

/** One timed step, in ms (median of the runs), with its budget. */
export interface StartupRow {
  step: string
  ms: number
  /** `ms` over `node -e 0`'s. */
  ratio: number
  /** What the issue asks: a ratio (`5×`) or a time (`0.5 s`). */
  target: string
  met: boolean
}

/** What {@link measureStartup} found. */
export interface StartupFigures {
  nodeMs: number
  runs: number
  rows: StartupRow[]
  /** The 1-minute load average when the measurement began (2 cores: above 2 means contention). */
  load: number
  /** Resident memory of the idle worker `serve` keeps ready, in MiB (null where unknown). */
  spareMiB: number | null
}

/** The heading of this benchmark's section in docs/benchmarks.md. */
export const startupHeading = '## 8. Start-up of the built command'

const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))

/** Between a stop and the next Scrape click, and before the first. */
const personsPauseMs = 1000

/** The median of the values. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Wall time of a process run to its end, in ms; throws when it fails. */
function timeRun(args: string[]): number {
  const started = performance.now()
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`)
  return ms
}

/** When the bundle was last built (its entry's mtime). */
const builtAt = (): number => statSync(join(root, 'out', 'cli', 'run-cli.js')).mtimeMs

/**
 * Times `measure` until a run leaves the bundle as it found it: a run during which the launcher
 * rebuilt the bundle (a source changed meanwhile) measured esbuild, not the start-up.
 */
async function withoutRebuild(measure: () => number | Promise<number>): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const before = builtAt()
    const ms = await measure()
    if (builtAt() === before || attempt === 5) return ms
  }
}

/** Median of `runs` timings taken by {@link withoutRebuild}. */
async function medianOf(runs: number, measure: () => number | Promise<number>): Promise<number> {
  const values: number[] = []
  for (let i = 0; i < runs; i++) values.push(await withoutRebuild(measure))
  return median(values)
}

/** Waits for `check` to return a value (polled every 5 ms), or throws after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await pause(5)
  }
}

/** When `site` got its first request (epoch ms), once it has. */
const firstRequestAt = (site: FixtureSite) => (): number | undefined => site.requestLog[0]?.time

/** Measures the four start-up figures. */
export async function measureStartup(options: StartupBenchOptions = {}): Promise<StartupFigures> {
  const log = options.log ?? (() => undefined)
  const runs = options.runs ?? Number(process.env.BENCH_STARTUP_RUNS ?? 7)
  const load = loadavg()[0]!
  const temp = makeTempDir('brand-scraper-startup-')
  const sites: FixtureSite[] = []
  const newSite = async (hang = false): Promise<FixtureSite> => {
    const routes = sitemapBrandSite({ products: 4, prefix: 'Startup Monitor' }).routes
    const site = await startFixtureSite(
      hang ? { ...routes, '/robots.txt': { hang: true } } : routes
    )
    sites.push(site)
    return site
  }
  let serve: StartedProcess | undefined
  try {
    // Built once first, as `npm run build` (or the launcher's first start) leaves it.
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'ignore' })
    const db = join(temp.dir, 'catalog.db')
    timeRun([launcher, 'brands', 'list', '--db', db])
    log(`node -e 0 and brands list, ${runs} runs each…`)
    const nodeMs = median(Array.from({ length: runs }, () => timeRun(['-e', '0'])))
    const listMs = await medianOf(runs, () => timeRun([launcher, 'brands', 'list', '--db', db]))

    log('worker --brand to its first request…')
    let brands = 0
    const workerMs = await medianOf(runs, async () => {
      const site = await newSite()
      const brand = `Terminal ${++brands}`
      timeRun([launcher, 'brands', 'add', brand, site.url, '--db', db])
      const started = Date.now()
      const cli = startBuiltCli(['worker', '--brand', brand, '--db', db])
      const ms = (await waitFor('the first request', firstRequestAt(site))) - started
      const result = await cli.done
      if (result.code !== 0) throw new Error(`worker --brand failed: ${result.stderr}`)
      return ms
    })

    log('serve: Scrape to the first request, and stop…')
    serve = startBuiltCli(['serve', '--port', '0', '--db', join(temp.dir, 'serve.db')])
    const [, url] = await serve.waitForStdout(/serving (http:\/\/\S+)/)
    const servePid = serve.child.pid!
    // The worker `serve` keeps ready, once it has loaded (its memory settles).
    const sparePid = await waitFor('the spare worker', () => descendantPids(servePid)[0])
    await pause(personsPauseMs)
    const spareMiB = residentMiB(sparePid) ?? null
    const clickMs: number[] = []
    const stopMs: number[] = []
    for (let i = 0; i < runs; i++) {
      // Clicks a person's pause apart: time for the spare that replaced the last worker to load.
      if (i > 0) await pause(personsPauseMs)
      // robots.txt never answers: the scrape is in flight when the stop is asked for.
      const site = await newSite(true)
      await callApi(url!, '/api/brands', { name: `Served ${i}`, website: site.url })
      const clicked = Date.now()
      const { pid } = await callApi<{ pid: number | null }>(
        url!,
        `/api/worker/scrape/Served%20${i}`,
        {}
      )
      clickMs.push((await waitFor('the first request', firstRequestAt(site))) - clicked)
      const stopped = Date.now()
      await callApi(url!, '/api/worker/stop', {})
      await waitFor('the worker to stop', async () => {
        const status = await callApi<{ state: string }>(url!, '/api/worker/status')
        return status.state === 'stopped' && (pid === null || !isRunning(pid)) ? true : undefined
      })
      stopMs.push(Date.now() - stopped)
    }

    const row = (step: string, ms: number, target: string, budget: number): StartupRow => ({
      step,
      ms,
      ratio: ms / nodeMs,
      target,
      met: target.endsWith('×') ? ms / nodeMs <= budget : ms <= budget
    })
    return {
      nodeMs,
      runs,
      load,
      spareMiB,
      rows: [
        row('`brand-scraper brands list` (start to exit)', listMs, '5×', 5),
        row('`brand-scraper worker --brand X`: start to first request', workerMs, '0.5 s', 500),
        row('Scrape click on `serve` to first request', median(clickMs), '0.5 s', 500),
        row('Stop on `serve` to worker stopped and gone', median(stopMs), '0.5 s', 500)
      ]
    }
  } finally {
    serve?.child.kill('SIGTERM')
    await serve?.done
    await Promise.all(sites.map((site) => site.close()))
    temp.cleanup()
  }
}

/** The markdown section of docs/benchmarks.md. */
export function startupSection(figures: StartupFigures): string {
  const lines = figures.rows.map((row) => {
    const cells = [`${Math.round(row.ms)} ms`, `${row.ratio.toFixed(1)}×`, row.target]
    return `| ${row.step} | ${cells.join(' | ')} | ${row.met ? 'yes' : 'no'} |`
  })
  return `${startupHeading}

How long the built command (\`brand-scraper\`: bin/brand-scraper.mjs running the esbuild bundle in
out/cli/) takes before it does anything, against \`node -e 0\` on the same machine
(${Math.round(figures.nodeMs)} ms here). Medians of ${figures.runs} runs; the fixture brand sites
(tests/support/brand-sites.ts) are served on 127.0.0.1 by the benchmark; the 1-minute load average
was ${figures.load.toFixed(2)} at the start.

| Step | Time | × \`node -e 0\` | Target | Met |
| --- | ---: | ---: | --- | --- |
${lines.join('\n')}

The first request is the site's \`robots.txt\`: the worker's process has started, opened the
catalog, claimed the brand and begun the crawl. The stop is asked for while that request hangs.

\`worker\` starts its worker process first thing, so that the second Node's start overlaps the
command's own loading. That worker is one CommonJS file (out/cli/worker-main.cjs) that loads, before
its run, only what the run's first steps need: the catalog, zod, the crawler; the page parsers
(out/cli/page-libs.cjs) and Playwright load at the first page or sitemap that needs them. \`serve\` keeps one worker process loaded and idle ahead of need
(src/main/coordinator/spare-worker.ts: not registered, claiming nothing) and a Scrape click hands
its run to it; a new one loads once the worker has ended. The clicks here are 1 s apart, a
person's pace, time for it to load; a click within a few tenths of a second of the last worker's
end waits for the rest of its loading. That idle worker's resident memory: ${
    figures.spareMiB === null ? 'not measured' : `${Math.round(figures.spareMiB)} MiB`
  }.

Reproduce: \`npm run bench:startup\` (\`BENCH_STARTUP_RUNS\` sets the runs, default 7).
`
}

if (isMainModule(import.meta.url)) {
  runBenchmarkAlone(startupHeading, (log) => measureStartup({ log }), startupSection)
}
