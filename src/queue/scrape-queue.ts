import { Queue, Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import { remoteJobSchema, type RemoteJob } from '../shared/worker-protocol'
import { scrapeQueueName } from './queue-keys'

/** The lowest BullMQ priority number (the highest priority), and the highest it accepts. */
const firstPriority = 1
const lastPriority = 2_097_152

/**
 * A brand's BullMQ priority: BullMQ takes lower numbers first, brands higher priorities first;
 * `now` (a brand the user asked for) goes before every scheduled one.
 */
export function jobPriority(brandPriority: number, now = false): number {
  if (now) return firstPriority
  return Math.min(lastPriority, Math.max(firstPriority + 1, 1_000_000 - brandPriority))
}

/** The coordinator's side of the scrape queue: it adds jobs (id `brand-ID`), and drains them on Stop. */
export class ScrapeQueue {
  private readonly queue: Queue

  constructor(connection: Redis) {
    this.queue = new Queue(scrapeQueueName, { connection })
    // Failures reach the caller of each command; the connection reconnects by itself.
    this.queue.on('error', () => undefined)
  }

  /**
   * Queues a brand unless a job for it is queued or running already (the job id is the brand's
   * id, so a brand is never crawled twice at once). Resolves true when it was added.
   */
  async add(job: RemoteJob, priority: number): Promise<boolean> {
    const jobId = `brand-${job.brand.id}`
    const existing = await this.queue.getJob(jobId)
    if (existing) return false
    await this.queue.add('scrape', job, {
      jobId,
      priority,
      attempts: 1,
      removeOnComplete: true,
      removeOnFail: true
    })
    return true
  }

  /** Removes every job waiting (not those running). */
  async drain(): Promise<void> {
    await this.queue.drain(true)
  }

  /** Jobs waiting and running. */
  async counts(): Promise<{ waiting: number; active: number }> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed')
    return {
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
      active: counts.active ?? 0
    }
  }

  async close(): Promise<void> {
    await this.queue.close()
  }
}

/** Options of {@link startScrapeWorker}. */
export interface ScrapeWorkerOptions {
  connection: Redis
  /** Brands crawled at once. */
  concurrency: number
  /**
   * How long a job's lock lasts without renewal: a worker that dies loses its job this long
   * after (BullMQ's stalled-job check then gives it to another worker). Default: 30 000 ms.
   */
  lockMs?: number
  /** Crawls one job; a malformed job is refused before it gets here. */
  process(job: RemoteJob, jobId: string): Promise<void>
  /** A job that was not valid, in words. */
  refused(jobId: string, why: string): void
  error(error: Error): void
}

/** A BullMQ worker taking scrape jobs, each validated with the shared zod schema first. */
export function startScrapeWorker(options: ScrapeWorkerOptions): Worker {
  const lockMs = options.lockMs ?? 30_000
  const worker = new Worker(
    scrapeQueueName,
    async (job: Job) => {
      const parsed = remoteJobSchema.safeParse(job.data)
      const jobId = job.id ?? '?'
      if (!parsed.success) {
        options.refused(jobId, parsed.error.issues[0]?.message ?? 'not a scrape job')
        return
      }
      await options.process(parsed.data, jobId)
    },
    {
      connection: options.connection,
      concurrency: options.concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job whose worker died is given to another one, more than once if need be.
      maxStalledCount: 5
    }
  )
  worker.on('error', options.error)
  return worker
}
