import { hostname } from 'node:os'
import type { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import { controlKey } from '../../queue/queue-keys'
import { checkRedis, openRedis } from '../../queue/redis-connection'
import type { RedisTarget } from '../../queue/redis-target'
import { ResultStreamWriter } from '../../queue/result-stream'
import { startScrapeWorker } from '../../queue/scrape-queue'
import type { RemoteEntry, RemoteJob } from '../../shared/worker-protocol'
import { defaultHeartbeatMs, defaultLeaseMs } from '../../shared/worker-record'
import type { BrowserProvider } from '../fetch/browser-provider'
import { RemoteCrawl, type RemoteCrawlFunction } from './remote-crawl'
import { RemoteLog } from './remote-log'

/** Options of {@link RemoteWorker}. */
export interface RemoteWorkerOptions {
  target: RedisTarget
  /** Brands crawled at once. Default: 1. */
  concurrency?: number
  /** How often it says it is alive and looks for a stop. Default: 2000 ms. */
  heartbeatMs?: number
  /** How long the coordinator waits for a heartbeat before it calls it gone. Default: 15 000 ms. */
  leaseMs?: number
  /** BullMQ's lock on a job: a dead worker's job is taken over this long after. Default: 30 000 ms. */
  lockMs?: number
  browser: BrowserProvider
  crawl: RemoteCrawlFunction
  /** Prints a line on this machine. */
  print(line: string): void
}

/**
 * A worker on any machine: takes brands from the Redis queue, crawls each with the same crawl as
 * a local worker, and sends what it finds to the coordinator through the results stream. It has
 * no catalog. It stops gracefully when `stop` is aborted or the coordinator asks through its
 * control key: the crawls in flight end as `stopped`, then it leaves the registry.
 */
export class RemoteWorker {
  readonly id = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`
  private readonly host = hostname()
  private readonly startedAt = new Date().toISOString()
  private readonly crawls = new Map<RemoteCrawl, AbortController>()
  private readonly stopping = new AbortController()
  private redis: Redis | undefined
  private writer: ResultStreamWriter | undefined
  private log: RemoteLog | undefined

  constructor(private readonly options: RemoteWorkerOptions) {}

  /** Runs until stopped; throws a one-line error when Redis cannot be used at all. */
  async run(stop: AbortSignal): Promise<void> {
    const { target, print } = this.options
    await checkRedis(target)
    const redis = openRedis(target, {
      onProblem: (message) => print(`WARN  ${message}`),
      onBack: () => print(`INFO  Redis at ${target.display} is back.`)
    })
    this.redis = redis
    const writer = new ResultStreamWriter(redis, (error) =>
      print(`ERROR Could not send a result to Redis: ${error.message}`)
    )
    this.writer = writer
    const send = (entry: RemoteEntry): void => writer.add(entry)
    const log = new RemoteLog({ workerId: this.id, host: this.host, send, print })
    this.log = log
    const concurrency = this.options.concurrency ?? 1
    log.write(
      'info',
      `Worker ${this.id} takes jobs from ${target.display}, ${concurrency} brand(s) at a time.`
    )
    this.heartbeat('idle')
    const beat = setInterval(() => void this.tick(), this.options.heartbeatMs ?? defaultHeartbeatMs)
    const worker = startScrapeWorker({
      connection: redis,
      concurrency,
      lockMs: this.options.lockMs,
      process: (job) => this.crawl(job, send, log),
      refused: (jobId, why) => log.write('warn', `Refused job ${jobId}: ${why}`),
      error: (error) => print(`WARN  Queue: ${error.message.split('\n')[0]}`)
    })
    const onStop = (): void => this.stopping.abort()
    stop.addEventListener('abort', onStop, { once: true })
    if (stop.aborted) onStop()
    await new Promise<void>((resolve) => {
      if (this.stopping.signal.aborted) resolve()
      else this.stopping.signal.addEventListener('abort', () => resolve(), { once: true })
    })
    await this.shutdown(worker, beat)
  }

  private async shutdown(worker: Worker, beat: NodeJS.Timeout): Promise<void> {
    this.log?.write('info', 'Stopping: finishing or dropping the pages in flight…')
    this.heartbeat('stopping')
    for (const controller of this.crawls.values()) controller.abort()
    await worker.close()
    clearInterval(beat)
    await this.options.browser.close().catch(() => undefined)
    this.log?.write('info', 'Worker stopped.')
    this.log?.close()
    this.writer?.add({ type: 'worker-gone', workerId: this.id })
    await this.writer?.flush()
    await this.redis?.quit().catch(() => undefined)
  }

  private async crawl(
    job: RemoteJob,
    send: (entry: RemoteEntry) => void,
    log: RemoteLog
  ): Promise<void> {
    const controller = new AbortController()
    const crawl = new RemoteCrawl(
      job,
      {
        workerId: this.id,
        host: this.host,
        leaseMs: this.leaseMs,
        browser: this.options.browser,
        crawl: this.options.crawl,
        log,
        send
      },
      AbortSignal.any([controller.signal, this.stopping.signal])
    )
    this.crawls.set(crawl, controller)
    this.heartbeat('running')
    try {
      await crawl.run()
    } finally {
      this.crawls.delete(crawl)
      this.heartbeat(this.crawls.size > 0 ? 'running' : 'idle')
      // The job completes only once all it sent is in Redis: nothing of it is lost.
      await this.writer?.flush()
    }
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? defaultLeaseMs
  }

  private heartbeat(state: 'running' | 'idle' | 'stopping'): void {
    this.writer?.add({
      type: 'heartbeat',
      workerId: this.id,
      host: this.host,
      pid: process.pid,
      state: this.stopping.signal.aborted ? 'stopping' : state,
      startedAt: this.startedAt,
      leaseMs: this.leaseMs,
      current: [...this.crawls.keys()].map((crawl) => ({
        attemptId: crawl.attemptId,
        brandId: crawl.brandId
      }))
    })
  }

  /** A heartbeat, and the coordinator's word through the control key, if any. */
  private async tick(): Promise<void> {
    this.heartbeat(this.crawls.size > 0 ? 'running' : 'idle')
    const redis = this.redis
    if (!redis || redis.status !== 'ready') return
    try {
      const key = controlKey(this.id)
      const [[, word]] = (await redis.multi().get(key).del(key).exec()) as [
        [unknown, string | null]
      ]
      if (word === 'stop') {
        this.log?.write('info', 'The coordinator asked this worker to stop.')
        this.stopping.abort()
      } else if (word === 'abort') {
        this.log?.write('info', 'The coordinator asked to stop the current crawls.')
        for (const controller of this.crawls.values()) controller.abort()
      }
    } catch {
      // Redis is away: the next heartbeat looks again.
    }
  }
}
