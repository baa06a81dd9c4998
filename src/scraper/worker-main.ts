/**
 * The worker process: started by the coordinator (Electron utilityProcess or Node child process),
 * it waits for one `run` message, scrapes, and exits. It owns the browser; the coordinator never
 * does. A `stop` message or SIGTERM/SIGINT ends it gracefully: the page in flight is finished or
 * dropped, the run is marked `stopped`, the browser closed, and the process exits 0.
 */
import { coordinatorMessageSchema, type WorkerRunConfig } from '../shared/worker-protocol'
import { describeZodError } from '../shared/zod-error'
import { CatalogStore } from '../store/catalog-store'
import { newWorkerId } from '../store/worker-registry'
import { crawlBrand } from './crawl/crawl-brand'
import { createBrowserProvider } from './fetch/browser-provider'
import { decodeHtml } from './fetch/decode-html'
import { parseHtml } from './extract/parse-html'
import { JobRunner } from './job-runner'
import { connectToParent } from './transport/parent-channel'
import { CatalogLogger } from '../store/catalog-logger'
import { WorkerOutbox } from './transport/worker-outbox'

const channel = connectToParent()
const outbox = new WorkerOutbox(channel)
const stopController = new AbortController()
const workerId = newWorkerId()
let started = false

function requestStop(why: string): void {
  // A worker that has no run yet (a spare kept ready, or one stopped as it started) holds
  // nothing: no claim, no catalog, no browser.
  if (!started) process.exit(0)
  if (stopController.signal.aborted) return
  // stdout: the coordinator logs the worker's stdout as information, its stderr as warnings.
  process.stdout.write(`Stopping: ${why}\n`)
  stopController.abort()
}

channel.onMessage((raw) => {
  const parsed = coordinatorMessageSchema.safeParse(raw)
  if (!parsed.success) {
    process.stderr.write(`Ignored a malformed message: ${describeZodError(parsed.error)}\n`)
    return
  }
  const message = parsed.data
  if (message.type === 'stop') return requestStop('the coordinator asked')
  if (started) return process.stderr.write('Ignored a second run message.\n')
  started = true
  void run(message.config)
})

process.on('SIGTERM', () => requestStop('SIGTERM'))
process.on('SIGINT', () => requestStop('SIGINT'))

async function run(config: WorkerRunConfig): Promise<void> {
  let store: CatalogStore | undefined
  const browser = createBrowserProvider()
  let error: string | null = null
  let notice: string | null = null
  try {
    store = CatalogStore.open(config.dbPath, { nativeBinding: config.sqliteNativeBinding })
    const logger = new CatalogLogger(store.logs, 'worker', (entry) => outbox.log(entry))
    const runner = new JobRunner({
      store,
      workerId,
      config,
      logger,
      browser,
      crawl: crawlBrand,
      send: (message) => outbox.send(message)
    })
    const outcome = await runner.run(stopController.signal)
    error = outcome.error
    notice = outcome.notice
    // An error is the coordinator's to log (it also sees a worker that dies before it can).
    if (!error && notice) logger.write('info', notice)
    else if (stopController.signal.aborted) logger.write('info', 'Worker stopped.')
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught)
  } finally {
    await browser.close().catch(() => undefined)
    store?.close()
  }
  outbox.flush()
  channel.sendAndExit({ type: 'finished', error, notice }, error ? 1 : 0)
}

channel.send({ type: 'ready', pid: process.pid, workerId })

/**
 * A worker still waiting for its run a moment after `ready` is a spare kept ahead of need: it
 * loads the HTML parser and the legacy charsets meanwhile (the built worker defers them to their
 * first use, to start sooner), so that its first page is read at once. A run that came at once
 * (a `worker` command) skips this: the first page loads them.
 */
setTimeout(() => {
  if (started) return
  parseHtml('<p>ready</p>')
  decodeHtml(Uint8Array.of(0x93, 0x94), 'text/html; charset=windows-1252')
}, 250).unref()
