/**
 * Our worker against a generic crawler (issue 12): Crawlee's PlaywrightCrawler
 * (bench/crawlee-baseline.ts) and `brand-scraper worker --brand X` scrape the same fixture sites at
 * the same concurrency with no delay, each as its own process; the figure is the wall time from
 * the command's start to its exit, and the recall (products found / products listed).
 *
 * Part of `npm run bench`; alone, `npm run bench:crawlers` measures and rewrites only its own
 * section of docs/benchmarks.md.
 */
import { existsSync, readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { sitemapBrandSite } from '../tests/support/brand-sites'
import { startFixtureSite, type FixtureSite } from '../tests/support/fixture-sites/index'
import type { FixtureRoutes } from '../tests/support/fixture-sites/start-fixture-site'
import { scriptRenderedSite } from '../tests/support/script-rendered-site'
import { spawnProcess } from '../tests/support/spawn-process'
import { makeTempDir } from '../tests/support/temp-dir'
import { isMainModule, runBenchmarkAlone } from './benchmark-section'

/** Options of {@link measureCrawlers}. */
export interface CrawlersBenchOptions {
  /** Products of the static site. Default: 80. */
  staticProducts?: number
  /** Products of the client-rendered site. Default: 36. */
  renderedProducts?: number
  /** Pages in flight at once, for both crawlers. Default: 4. */
  concurrency?: number
  /** Progress lines. Default: none. */
  log?: (message: string) => void
}

/** One crawl by one crawler. */
export interface CrawlerRun {
  /** Wall time from the command's start to its exit. */
  seconds: number
  /** Listed products it saved. */
  found: number
  /** Why it failed, if it did (non-zero exit). */
  error: string | null
}

/** Both crawlers on one site. */
export interface CrawlersRow {
  site: string
  listed: number
  crawlee: CrawlerRun
  /** The worker's first run of the brand: nothing remembered. */
  ours: CrawlerRun
  /** Its second run, with what the first taught it (fetch strategy). */
  oursAgain: CrawlerRun
  /** The ratio the issue asks for on this site. */
  target: number
}

/** What {@link measureCrawlers} found. */
export interface CrawlersFigures {
  concurrency: number
  /** How the worker was started. */
  command: string
  rows: CrawlersRow[]
  /** The 1-minute load average when the measurement began (2 cores: above 2 means contention). */
  load: number
}

/** The heading of this benchmark's section in docs/benchmarks.md. */
export const crawlersHeading = '## 9. Against a generic crawler (Crawlee)'

const root = join(import.meta.dirname, '..')
const builtCommand = join(root, 'bin', 'brand-scraper.mjs')

const fromSources = ['--import', 'tsx', join(root, 'src', 'cli', 'run-cli.ts')]

interface Exit {
  seconds: number
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node args…` to its exit, timing it from the spawn. */
async function timed(args: string[], env: Record<string, string> = {}): Promise<Exit> {
  const started = process.hrtime.bigint()
  const { code, stdout, stderr } = await spawnProcess(process.execPath, args, { cwd: root, env })
    .done
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stdout, stderr }
}

/** The last line of a failed command's output, for the report. */
function failure(exit: Exit): string | null {
  if (exit.code === 0) return null
  const lines = `${exit.stderr}\n${exit.stdout}`.trim().split('\n')
  return `exit ${exit.code}: ${lines.at(-1) ?? ''}`
}

/** A crawler's run as the report gives it: its time, how many of `names` it found, its failure. */
function crawlerRun(exit: Exit, names: string[], products: { name: string }[]): CrawlerRun {
  const seen = new Set(products.map((product) => product.name))
  return {
    seconds: exit.seconds,
    found: names.filter((name) => seen.has(name)).length,
    error: failure(exit)
  }
}

/** Crawlee's run of `site`, from a process of its own with its storage in a temp folder. */
async function runCrawlee(
  site: FixtureSite,
  names: string[],
  concurrency: number
): Promise<CrawlerRun> {
  const { dir, cleanup } = makeTempDir('bench-crawlee-')
  const out = join(dir, 'products.json')
  const exit = await timed(
    [
      '--import',
      'tsx',
      join(root, 'bench', 'crawlee-baseline.ts'),
      site.url,
      String(concurrency),
      out
    ],
    { CRAWLEE_STORAGE_DIR: join(dir, 'storage') }
  )
  const products = existsSync(out)
    ? (JSON.parse(readFileSync(out, 'utf8')) as { products: { name: string }[] }).products
    : []
  const run = crawlerRun(exit, names, products)
  cleanup()
  return run
}

/** Our worker's first and second runs of `site`, on a fresh catalog. */
async function runOurs(
  cli: string[],
  site: FixtureSite,
  names: string[],
  concurrency: number
): Promise<[CrawlerRun, CrawlerRun]> {
  const { dir, cleanup } = makeTempDir('bench-ours-')
  const db = join(dir, 'catalog.sqlite')
  const added = await timed([...cli, 'brands', 'add', 'Bench', site.url, '--db', db])
  if (added.code !== 0) throw new Error(`brands add failed: ${failure(added)}`)
  const runs: CrawlerRun[] = []
  for (let i = 0; i < 2; i++) {
    const exit = await timed([
      ...cli,
      'worker',
      '--brand',
      'Bench',
      '--concurrency',
      String(concurrency),
      '--min-delay',
      '0',
      '--db',
      db
    ])
    const exported = await timed([...cli, 'products', 'export', '--format', 'json', '--db', db])
    const products = JSON.parse(exported.stdout || '[]') as { name: string }[]
    runs.push(crawlerRun(exit, names, products))
  }
  cleanup()
  return [runs[0]!, runs[1]!]
}

/** Scrapes each fixture site with both crawlers. */
export async function measureCrawlers(
  options: CrawlersBenchOptions = {}
): Promise<CrawlersFigures> {
  const log = options.log ?? ((): void => undefined)
  const concurrency = options.concurrency ?? 4
  const load = loadavg()[0] ?? NaN
  // The built command builds itself on demand: do that now, not inside a timed run. Without one
  // (or when it cannot build), the worker runs from the sources through tsx.
  const built = existsSync(builtCommand) && (await timed([builtCommand, '--help'])).code === 0
  const cli = built ? [builtCommand] : fromSources
  const staticSite = sitemapBrandSite({ products: options.staticProducts ?? 80 })
  const rendered = scriptRenderedSite({ products: options.renderedProducts ?? 36 })
  const sites: Array<{ site: string; routes: FixtureRoutes; names: string[]; target: number }> = [
    {
      site: 'static: sitemap index, JSON-LD',
      routes: staticSite.routes,
      names: staticSite.products.map((p) => p.name),
      target: 30
    },
    {
      site: 'client-rendered: pages built by script from a JSON endpoint',
      routes: rendered.routes,
      names: rendered.products.map((p) => p.name),
      target: 3
    }
  ]
  const rows: CrawlersRow[] = []
  for (const entry of sites) {
    // A fresh server per crawler, so neither finds the other's kept-alive connections.
    const ours = await startFixtureSite(entry.routes)
    log(`${entry.site}: our worker…`)
    const [first, second] = await runOurs(cli, ours, entry.names, concurrency)
    await ours.close()
    const theirs = await startFixtureSite(entry.routes)
    log(`${entry.site}: Crawlee…`)
    const crawlee = await runCrawlee(theirs, entry.names, concurrency)
    await theirs.close()
    rows.push({
      site: entry.site,
      listed: entry.names.length,
      crawlee,
      ours: first,
      oursAgain: second,
      target: entry.target
    })
  }
  const command = built
    ? 'node bin/brand-scraper.mjs worker --brand X'
    : 'node --import tsx src/cli/run-cli.ts worker --brand X'
  return { concurrency, command, rows, load }
}

/** Crawlee's time over ours, or a dash when either failed. */
const ratio = (crawlee: CrawlerRun, ours: CrawlerRun): string =>
  crawlee.error == null && ours.error == null
    ? `${(crawlee.seconds / ours.seconds).toFixed(1)}×`
    : '—'

const seconds = (run: CrawlerRun): string =>
  run.error == null ? run.seconds.toFixed(2) : `${run.seconds.toFixed(2)} (${run.error})`

/** The markdown section of docs/benchmarks.md. */
export function crawlersSection(figures: CrawlersFigures): string {
  const line = (row: CrawlersRow): string =>
    `| ${row.site} | ${seconds(row.crawlee)} | ${row.crawlee.found}/${row.listed} | ` +
    `${seconds(row.ours)} | ${row.ours.found}/${row.listed} | ` +
    `**${ratio(row.crawlee, row.ours)}** (target ${row.target}×) | ` +
    `${seconds(row.oursAgain)} | ${ratio(row.crawlee, row.oursAgain)} |`
  return [
    crawlersHeading,
    `Both crawlers scrape the same fixture sites (served on 127.0.0.1 by the benchmark) with ` +
      `${figures.concurrency} pages in flight and no delay, each as a separate process; the time ` +
      'runs from the command’s start to its exit, browser launch and start-up included. Ours is ' +
      `\`${figures.command} --concurrency ${figures.concurrency} --min-delay 0\` on a fresh ` +
      'catalog (first run: nothing remembered; second run: the fetch strategy the first one ' +
      'learnt). Crawlee is `bench/crawlee-baseline.ts`: PlaywrightCrawler 3.18 on the same ' +
      'Chromium, finding pages through robots.txt, the sitemaps and links, reading JSON-LD after ' +
      'the JSON-LD script appears or the network goes idle, whichever is first. Recall is listed ' +
      'products saved / listed.',
    [
      '| site | Crawlee s | recall | ours s | recall | ratio | ours again s | ratio |',
      '|---|---|---|---|---|---|---|---|',
      ...figures.rows.map(line)
    ].join('\n'),
    `Load average when measured: ${figures.load.toFixed(1)} (2 cores; above 2 the figures are ` +
      'inflated). Reproduce with `npm run bench:crawlers`.'
  ].join('\n\n')
}

if (isMainModule(import.meta.url)) {
  runBenchmarkAlone(crawlersHeading, (log) => measureCrawlers({ log }), crawlersSection)
}
