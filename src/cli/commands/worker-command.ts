import { nodeWorkerTransport } from '../../main/coordinator/node-worker-transport'
import { SpareWorker } from '../../main/coordinator/spare-worker'
import type { LogEntry } from '../../shared/log-entry'
import type { WorkerProgress } from '../../shared/worker-status'
import { stripControl } from '../../shared/strip-control'
import { UsageError } from '../usage-error'

/**
 * `worker --mode once|continuous [--delay S] [--brand NAME] [--workers N]`: the original
 * worker.py, in the foreground. The worker still runs as its own process under a supervisor (this
 * one), exactly as under the app: logs go to stdout, Ctrl-C or SIGTERM stops it gracefully.
 *
 * `--brand NAME` (alone or with `--mode once`) scrapes that brand, then exits; a brand another
 * worker is scraping is refused with exit code 1, naming that worker. `--workers N` runs N
 * processes sharing the queue.
 */
export async function workerCommand(args: string[]): Promise<number> {
  // The worker process starts first, before this command loads the catalog, zod and the
  // coordinator: a second Node's start then overlaps this one's instead of following it. Only
  // this module's light imports come before; a usage error below ends it again.
  const remote = args.some((arg) => arg === '--queue' || arg.startsWith('--queue='))
  const spare = remote
    ? undefined
    : new SpareWorker(nodeWorkerTransport(), { replenish: false, background: false })
  try {
    return await runWorkerCommand(args, spare)
  } finally {
    await spare?.close()
  }
}

async function runWorkerCommand(args: string[], spare: SpareWorker | undefined): Promise<number> {
  const { parseCommandArgs } = await import('../parse-command-args')
  const { parseDelay, parseWorkerCount, positiveInt } = await import('../parse-worker-options')
  const { values } = parseCommandArgs(
    args,
    {
      mode: { type: 'string' },
      delay: { type: 'string' },
      brand: { type: 'string' },
      workers: { type: 'string' },
      concurrency: { type: 'string' },
      'min-delay': { type: 'string' },
      'max-pages': { type: 'string' },
      'browser-only': { type: 'boolean' },
      queue: { type: 'string' },
      'concurrency-brands': { type: 'string' }
    },
    false
  )
  if (values.queue !== undefined) return remoteWorker(values)
  if (values['concurrency-brands'] !== undefined) {
    throw new UsageError(
      '--concurrency-brands is for a queue worker: give --queue redis://HOST:PORT'
    )
  }
  if (values.mode !== undefined && values.mode !== 'once' && values.mode !== 'continuous') {
    throw new UsageError('--mode must be once or continuous (or give --brand NAME)')
  }
  if (values.brand !== undefined && values.mode === 'continuous') {
    throw new UsageError('--brand scrapes one brand; it cannot be combined with --mode continuous')
  }
  // `--mode once --brand NAME` is the original command for one brand: that brand, then exit.
  const mode = values.brand !== undefined ? 'brand' : values.mode
  if (mode === undefined) {
    throw new UsageError('--mode must be once or continuous (or give --brand NAME)')
  }
  const workers = parseWorkerCount(values.workers)
  if (workers > 1 && mode === 'brand') {
    throw new UsageError('--brand scrapes one brand with one worker; leave out --workers')
  }
  const delay = parseDelay(values.delay)
  const runOverrides = {
    concurrency: positiveInt(values.concurrency, '--concurrency'),
    minDelayMs: positiveInt(values['min-delay'], '--min-delay', 0),
    maxPages: positiveInt(values['max-pages'], '--max-pages'),
    browserOnly: values['browser-only'] || undefined
  }

  const { cliDbPath } = await import('../cli-db-path')
  const { openCoordinator } = await import('../open-coordinator')
  const coordinator = openCoordinator(cliDbPath(values.db), { runOverrides, spare })
  const progressLine = new ProgressLine()
  coordinator.subscribe((event, payload) => {
    if (event === 'log') {
      progressLine.clear()
      process.stdout.write(formatLog(payload as LogEntry))
    } else if (event === 'progress') {
      progressLine.show(payload as WorkerProgress)
    }
  })

  let signals = 0
  const onSignal = (signal: string): void => {
    signals++
    if (signals > 1) {
      process.stderr.write(`\n${signal} again: killing the worker.\n`)
      void coordinator.shutdown()
      return
    }
    process.stderr.write(`\n${signal}: stopping gracefully (again to force)…\n`)
    void coordinator.stop()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    // An unknown brand throws here, before any worker starts: exit code 2 with the known names;
    // a brand another worker holds throws a conflict naming it: exit code 1.
    if (mode === 'brand') coordinator.scrapeBrand(values.brand!)
    else coordinator.start(mode, delay, workers)
    const status = await coordinator.whenIdle()
    progressLine.clear()
    if (status.last_exit?.crashed === true) return 1
    // Nothing to do is an idle end (exit 0), except for the one brand asked for by name: another
    // worker claimed it between the check above and the worker's own claim.
    return mode === 'brand' && status.notice ? 1 : 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await coordinator.shutdown()
  }
}

/**
 * `worker --queue redis://[:PASSWORD@]HOST:PORT [--concurrency-brands N]`: a worker for a
 * coordinator on another machine (`serve --queue`). It has no catalog: it takes brands from the
 * queue and sends what it finds back through Redis. BRAND_SCRAPER_QUEUE_LOCK_MS sets how soon a
 * dead worker's brand is taken over (default 30 000 ms).
 */
async function remoteWorker(values: {
  queue?: string
  mode?: string
  brand?: string
  workers?: string
  db?: string
  'concurrency-brands'?: string
  concurrency?: string
  'min-delay'?: string
  'max-pages'?: string
  'browser-only'?: boolean
}): Promise<number> {
  if (values.mode !== undefined || values.brand !== undefined || values.workers !== undefined) {
    throw new UsageError(
      '--queue takes jobs from the coordinator: leave out --mode, --brand and --workers'
    )
  }
  if (values.db !== undefined) {
    throw new UsageError('--queue needs no catalog: leave out --db (the coordinator keeps it)')
  }
  const { positiveInt } = await import('../parse-worker-options')
  const { envMs, workerTimingFromEnv } = await import('../open-coordinator')
  const concurrency = positiveInt(values['concurrency-brands'], '--concurrency-brands') ?? 1
  if (concurrency > 16) throw new UsageError('--concurrency-brands must be from 1 to 16')
  const { parseRedisTarget, QueueError } = await import('../../queue/redis-target')
  const { runRemoteWorker } = await import('../../scraper/remote/run-remote-worker')
  let target
  try {
    target = parseRedisTarget(values.queue!)
  } catch (error) {
    if (error instanceof QueueError) throw new UsageError(error.message)
    throw error
  }
  return runRemoteWorker({
    target,
    concurrency,
    ...workerTimingFromEnv(),
    lockMs: envMs('BRAND_SCRAPER_QUEUE_LOCK_MS', 500, 600_000),
    overrides: {
      concurrency: positiveInt(values.concurrency, '--concurrency'),
      minDelayMs: positiveInt(values['min-delay'], '--min-delay', 0),
      maxPages: positiveInt(values['max-pages'], '--max-pages'),
      browserOnly: values['browser-only'] || undefined
    }
  })
}

/** One log line for the terminal; cleaned again here, as the catalog may predate the cleaning. */
function formatLog(entry: LogEntry): string {
  const time = entry.time.slice(11, 19)
  const brand = entry.brand ? ` [${stripControl(entry.brand)}]` : ''
  const message = stripControl(entry.message, { keepNewlines: true })
  return `${time} ${entry.level.toUpperCase().padEnd(5)}${brand} ${message}\n`
}

/** A progress bar on stderr when it is a terminal; nothing in pipes and logs. */
class ProgressLine {
  private shown = false
  private readonly enabled = process.stderr.isTTY === true

  show(progress: WorkerProgress): void {
    if (!this.enabled) return
    const total = Math.max(progress.pagesDiscovered, progress.pagesVisited, 1)
    const width = 24
    const filled = Math.round((progress.pagesVisited / total) * width)
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
    const line =
      `${progress.brand} ${bar} ${progress.pagesVisited}/${progress.pagesDiscovered} pages, ` +
      `${progress.productsFound} products, ${progress.errorCount} errors`
    process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 100) - 1)}\x1b[K`)
    this.shown = true
  }

  clear(): void {
    if (!this.shown) return
    process.stderr.write('\r\x1b[K')
    this.shown = false
  }
}
