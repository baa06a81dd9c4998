import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { afterEach, beforeEach, vi } from 'vitest'
import type { LogEntry } from '../../src/shared/log-entry'
import type { ExtractedProduct } from '../../src/shared/product'
import {
  workerRunConfigSchema,
  type WorkerMessage,
  type WorkerRunConfigInput
} from '../../src/shared/worker-protocol'
import type { CrawlResult } from '../../src/scraper/crawl/crawl-context'
import type { CrawlFunction } from '../../src/scraper/brand-run'
import { JobRunner } from '../../src/scraper/job-runner'
import { CatalogLogger } from '../../src/store/catalog-logger'
import { CatalogStore } from '../../src/store/catalog-store'
import { bareProduct } from '../support/bare-product'
import { refusingBrowserProvider } from '../support/fixture-sites'
import { makeTempDir } from '../support/temp-dir'

/** What a crawl that visited nothing returns; `complete` says whether discovery finished. */
export const done = (complete: boolean): CrawlResult => ({
  complete,
  pagesVisited: 0,
  errorCount: 0,
  fatal: null
})

/** A product page stating its name and price. */
export function product(name: string, price = 100): ExtractedProduct {
  return bareProduct(name, { price, currency: 'EUR' })
}

/** Sets the clock (Date only; timers stay real) to `iso`. */
export function at(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(iso))
}

/** Moves a clock set by {@link at} on by `ms`. */
export function later(ms = 1_000): void {
  vi.setSystemTime(new Date(Date.now() + ms))
}

/** A pid that no process has any more: a child that ran and exited. */
export async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
  await once(child, 'exit')
  return child.pid!
}

/** Options of {@link RunnerHarness.runner}. */
export interface RunnerOptions {
  /** Default: `worker-N`, a new id per runner. */
  workerId?: string
  /** The catalog it works on. Default: the harness's `store`. */
  store?: CatalogStore
  /** Where its messages go. Default: the harness's `sent`. */
  sent?: WorkerMessage[]
}

/** What each test of the job runner gets: a temp catalog, and runners over it. */
export interface RunnerHarness {
  store: CatalogStore
  /** Messages for the coordinator, of every runner made without its own `sent`. */
  sent: WorkerMessage[]
  /** Every log line written by every runner. */
  logged: LogEntry[]
  /** `logged`'s messages. */
  messages(): string[]
  /** A runner over the catalog, with `crawl` in place of the real crawl. */
  runner(
    config: Omit<WorkerRunConfigInput, 'dbPath'>,
    crawl: CrawlFunction,
    options?: RunnerOptions
  ): JobRunner
  /** Another store on the same file, as another process opens it; closed after the test. */
  openOther(): CatalogStore
}

/** Registers before/after hooks giving each test a fresh catalog and message logs. */
export function useRunnerHarness(): RunnerHarness {
  let temp: ReturnType<typeof makeTempDir>
  let others: CatalogStore[] = []
  let count = 0
  const harness = {
    messages: () => harness.logged.map((entry) => entry.message),
    runner(config, crawl, options = {}) {
      const store = options.store ?? harness.store
      return new JobRunner({
        store,
        workerId: options.workerId ?? `worker-${++count}`,
        config: workerRunConfigSchema.parse({ ...config, dbPath: store.file }),
        logger: new CatalogLogger(store.logs, 'worker', (entry) => harness.logged.push(entry)),
        browser: refusingBrowserProvider(),
        crawl,
        send: (message) => (options.sent ?? harness.sent).push(message)
      })
    },
    openOther() {
      const other = CatalogStore.open(harness.store.file)
      others.push(other)
      return other
    }
  } as RunnerHarness
  beforeEach(() => {
    temp = makeTempDir()
    harness.store = CatalogStore.open(join(temp.dir, 'catalog.db'))
    harness.sent = []
    harness.logged = []
  })
  afterEach(() => {
    vi.useRealTimers()
    for (const other of others) other.close()
    others = []
    harness.store.close()
    temp.cleanup()
  })
  return harness
}
