/**
 * Extraction against commercial extractors (issue 10): the 73 captured shop pages of
 * tests/fixtures/product-pages-dev, served over HTTP on 127.0.0.1, fetched and read by the
 * worker's code path (`httpGet` → `decodeHtml` → `extractPage`, as the page processor and the
 * `extract` command do), scored with the corpus's metric beside the answers of Zyte, Diffbot and
 * extruct, plus the extraction time per page.
 *
 * Part of `npm run bench`; alone, `npm run bench:extraction` measures and rewrites only its own
 * section of docs/benchmarks.md.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg } from 'node:os'
import { extractPage } from '../src/scraper/extract/extract-product'
import { decodeHtml } from '../src/scraper/fetch/decode-html'
import { httpGet } from '../src/scraper/fetch/http-get'
import {
  scoredFields,
  scoreProductPages,
  type CorpusScore,
  type PageAnswer,
  type PageTruth
} from '../tests/support/score-product-pages'
import {
  answerOf,
  loadPeerAnswers,
  loadProductPages,
  peerNames
} from '../tests/support/score-product-pages-corpus'
import { isMainModule, runBenchmarkAlone } from './benchmark-section'

/** Options of {@link measureExtraction}. */
export interface ExtractionBenchOptions {
  /** Progress lines. Default: none. */
  log?: (message: string) => void
}

/** What {@link measureExtraction} found. */
export interface ExtractionFigures {
  /** System name → its score; Brand Scraper first. */
  systems: { name: string; score: CorpusScore }[]
  /** Pages on which Brand Scraper found a product. */
  productsFound: number
  /** `extractPage` time per page in ms, sorted ascending. */
  times: number[]
  /**
   * `extractPage` CPU time per page in ms (user + system, the least of {@link CPU_REPEATS} runs),
   * sorted ascending: what the extraction costs, even when other processes share the cores.
   */
  cpuTimes: number[]
  /** The 1-minute load average when the measurement began (2 cores: above 2 means contention). */
  load: number
}

/** Runs per page for the CPU time; the least is kept (the others met a collection or a cache miss). */
const CPU_REPEATS = 3

/** CPU ms of the cheapest of {@link CPU_REPEATS} extractions of `html`. */
function cpuTimeOf(html: string, url: string): number {
  let least = Infinity
  for (let run = 0; run < CPU_REPEATS; run++) {
    const before = process.cpuUsage()
    extractPage(html, { url })
    const used = process.cpuUsage(before)
    least = Math.min(least, (used.user + used.system) / 1000)
  }
  return least
}

/** The heading of this benchmark's section in docs/benchmarks.md. */
export const extractionHeading = '## 6. Extraction on 73 shop pages, beside commercial extractors'

/** Serves each page at `/<id>` with its bytes as captured. */
async function servePages(bodies: Map<string, Buffer>): Promise<{ server: Server; base: string }> {
  const server = createServer((request, response) => {
    const body = bodies.get((request.url ?? '/').slice(1))
    if (!body) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { server, base: `http://127.0.0.1:${port}` }
}

/** Fetches and extracts every page of the corpus; scores it and the peers. */
export async function measureExtraction(
  options: ExtractionBenchOptions = {}
): Promise<ExtractionFigures> {
  const load = loadavg()[0]!
  const pages = loadProductPages()
  const { server, base } = await servePages(new Map(pages.map((page) => [page.id, page.body])))
  const truth: Record<string, PageTruth> = {}
  const answers: Record<string, PageAnswer | null> = {}
  const times: number[] = []
  const cpuTimes: number[] = []
  let productsFound = 0
  try {
    for (const page of pages) {
      truth[page.id] = page.truth
      const response = await httpGet(`${base}/${page.id}`)
      if (response.kind === 'failure') throw new Error(`${page.id}: ${response.message}`)
      const html = decodeHtml(response.body, response.headers.get('content-type'))
      const started = performance.now()
      const product = extractPage(html, { url: response.url }).product
      times.push(performance.now() - started)
      cpuTimes.push(cpuTimeOf(html, response.url))
      if (product) productsFound++
      answers[page.id] = answerOf(product)
    }
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
  options.log?.(`extracted ${pages.length} pages`)
  const systems = [
    { name: 'Brand Scraper', score: scoreProductPages(truth, answers) },
    ...peerNames.map((peer) => ({
      name: peer,
      score: scoreProductPages(truth, loadPeerAnswers(peer))
    }))
  ]
  const ascending = (a: number, b: number): number => a - b
  return {
    systems,
    productsFound,
    times: times.sort(ascending),
    cpuTimes: cpuTimes.sort(ascending),
    load
  }
}

/** Value at quantile `q` (0–1) of ascending `values`. */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN
  return values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!
}

/** The markdown section: the side-by-side table, the pages found and the times. */
export function extractionSection(figures: ExtractionFigures): string {
  const pages = figures.systems[0]?.score.pages ?? 0
  const f1Rows = figures.systems.map(
    ({ name, score }) =>
      `| ${name} | ${scoredFields.map((field) => score.fields[field].f1.toFixed(3)).join(' | ')} | ` +
      `${score.pagesWithAnswer}/${score.pages} |`
  )
  const detailRows = figures.systems.flatMap(({ name, score }) =>
    scoredFields.map((field) => {
      const { precision, recall, f1, tp, fp, fn } = score.fields[field]
      return `| ${name} | ${field} | ${precision.toFixed(3)} | ${recall.toFixed(3)} | ${f1.toFixed(3)} | ${tp} / ${fp} / ${fn} |`
    })
  )
  return [
    extractionHeading,
    '',
    `${pages} real product pages from 52 shops in several countries and languages ` +
      '(`tests/fixtures/product-pages-dev`, MIT, see its README and LICENSE), served over HTTP on ' +
      "127.0.0.1 and read by the worker's code path (`httpGet`, `decodeHtml`, `extractPage`). " +
      "Scored with the corpus's metric: per page and field, no answer where the page has a value " +
      'is a false negative, a right answer a true positive, a wrong one a false positive (and a ' +
      "false negative when the page has a value); micro-averaged. The peers' answers come with " +
      'the corpus. Brand Scraper has no per-site rule.',
    '',
    '| F1 | price | sku | availability | pages answered |',
    '|---|---|---|---|---|',
    ...f1Rows,
    '',
    `Brand Scraper found a product on **${figures.productsFound} of ${pages}** pages.`,
    '',
    '| system | field | precision | recall | F1 | tp / fp / fn |',
    '|---|---|---|---|---|---|',
    ...detailRows,
    '',
    `Extraction time per page (\`extractPage\` on the decoded HTML, parse included): median ` +
      `**${quantile(figures.times, 0.5).toFixed(1)} ms**, p95 ` +
      `**${quantile(figures.times, 0.95).toFixed(1)} ms**, slowest ` +
      `${quantile(figures.times, 1).toFixed(1)} ms. CPU time per page (least of ${CPU_REPEATS} ` +
      `runs, unaffected by other processes waiting for the cores): median ` +
      `**${quantile(figures.cpuTimes, 0.5).toFixed(1)} ms**, p95 ` +
      `**${quantile(figures.cpuTimes, 0.95).toFixed(1)} ms**. Load average when this began: ` +
      `${figures.load.toFixed(2)} on 2 cores. Reproduce: \`npm run bench\`, or this section ` +
      'alone with `npm run bench:extraction`.',
    ''
  ].join('\n')
}

if (isMainModule(import.meta.url)) {
  runBenchmarkAlone(extractionHeading, (log) => measureExtraction({ log }), extractionSection)
}
