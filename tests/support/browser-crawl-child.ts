// A crawl of one brand with every page in the browser, run as its own process so a test can give
// it what only a process start can set (NODE_EXTRA_CA_CERTS, to trust a test's HTTPS site) and read
// its peak memory. Run with tsx; env: CRAWL_SITE_URL (the brand's website), CRAWL_CERT_SPKI (the
// site's key, which Chromium then accepts). Prints one JSON line: what the crawl did, and memory.
import { readFileSync } from 'node:fs'
import { crawlBrand } from '../../src/scraper/crawl/crawl-brand'
import { createBrowserProvider } from '../../src/scraper/fetch/browser-provider'
import { chromiumMemoryBytes } from '../../src/scraper/fetch/chromium-memory'
import { createRecordingContext } from './fixture-sites/recording-crawl-context'

/** What the child prints. */
export interface BrowserCrawlReport {
  result: Awaited<ReturnType<typeof crawlBrand>>
  saved: string[]
  logs: Array<{ level: string; message: string }>
  /** Peak resident memory of this process (the worker), in bytes (VmHWM). */
  workerPeakBytes: number
  /** Highest memory of all Chromium processes seen, sampled every 100 ms (PSS), in bytes. */
  chromiumPeakBytes: number
}

function peakResident(): number {
  const status = readFileSync('/proc/self/status', 'utf8')
  return Number(/^VmHWM:\s*(\d+)/m.exec(status)?.[1] ?? 0) * 1024
}

async function main(): Promise<void> {
  const siteUrl = process.env.CRAWL_SITE_URL ?? ''
  const spki = process.env.CRAWL_CERT_SPKI
  const provider = createBrowserProvider({
    acceptCertificateKeys: spki == null ? [] : [spki],
    onSandboxOff: () => undefined
  })
  let chromiumPeakBytes = 0
  const sampler = setInterval(() => {
    chromiumPeakBytes = Math.max(chromiumPeakBytes, chromiumMemoryBytes())
  }, 100)
  const run = createRecordingContext(siteUrl, {
    browser: provider,
    overrides: { minDelayMs: 0, browserOnly: true }
  })
  try {
    const result = await crawlBrand(run.ctx)
    const report: BrowserCrawlReport = {
      result,
      saved: run.saved.map((entry) => entry.product.name).sort(),
      logs: run.logs,
      workerPeakBytes: peakResident(),
      chromiumPeakBytes
    }
    process.stdout.write(`${JSON.stringify(report)}\n`)
  } finally {
    clearInterval(sampler)
    await provider.close()
  }
}

void main()
