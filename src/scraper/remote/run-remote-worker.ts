import { redactRedisUrl, type RedisTarget } from '../../queue/redis-target'
import type { CrawlOverrides } from '../../shared/brand'
import { crawlBrand } from '../crawl/crawl-brand'
import { createBrowserProvider } from '../fetch/browser-provider'
import { RemoteWorker } from './remote-worker'

/** Options of {@link runRemoteWorker}: what `worker --queue URL` was given. */
export interface RunRemoteWorkerOptions {
  target: RedisTarget
  concurrency: number
  heartbeatMs?: number
  leaseMs?: number
  lockMs?: number
  /** Crawl settings that win over every brand's own on this worker. Default: none. */
  overrides?: CrawlOverrides
}

/**
 * `worker --queue URL`: a remote worker in the foreground, its log on stdout, until SIGTERM or
 * SIGINT (a second one exits at once) or the coordinator's stop. Resolves with the exit code.
 */
export async function runRemoteWorker(options: RunRemoteWorkerOptions): Promise<number> {
  const stop = new AbortController()
  let signals = 0
  const onSignal = (signal: string): void => {
    signals++
    if (signals > 1) {
      process.stderr.write(`${signal} again: exiting now.\n`)
      process.exit(1)
    }
    process.stderr.write(`${signal}: stopping gracefully (again to force)…\n`)
    stop.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const browser = createBrowserProvider()
  const worker = new RemoteWorker({
    target: options.target,
    concurrency: options.concurrency,
    heartbeatMs: options.heartbeatMs,
    leaseMs: options.leaseMs,
    lockMs: options.lockMs,
    browser,
    crawl: (context) =>
      crawlBrand({
        ...context,
        overrides: { ...context.overrides, ...definedOnly(options.overrides) }
      }),
    // Whatever a library says, a Redis password it may quote is never printed.
    print: (line) => process.stdout.write(`${redactRedisUrl(line)}\n`)
  })
  try {
    await worker.run(stop.signal)
    return 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await browser.close().catch(() => undefined)
  }
}

/** The settings that were given: an absent flag must not erase a brand's own setting. */
function definedOnly(overrides: CrawlOverrides = {}): CrawlOverrides {
  return Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined)
  ) as CrawlOverrides
}
