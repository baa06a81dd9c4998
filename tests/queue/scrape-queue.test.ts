import { Queue, type Worker } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { jobPriority, ScrapeQueue, startScrapeWorker } from '../../src/queue/scrape-queue'
import { scrapeQueueName } from '../../src/queue/queue-keys'
import type { RemoteJob } from '../../src/shared/worker-protocol'
import { redisUnavailable } from '../support/redis-server'
import { useRedisServer } from '../support/use-redis-server'
import { waitUntil } from '../support/wait-until'

function job(id: number, name = `Brand ${id}`): RemoteJob {
  return {
    brand: { id, name, website: `https://brand-${id}.example`, settings: {} },
    overrides: {},
    fetchStrategy: null
  }
}

describe('jobPriority', () => {
  it('puts a brand the user asked for first, and higher brand priorities before lower ones', () => {
    expect(jobPriority(500, true)).toBe(1)
    expect(jobPriority(10)).toBeLessThan(jobPriority(5))
    expect(jobPriority(0)).toBe(1_000_000)
  })

  it('keeps scheduled brands after the asked-for one and within what BullMQ accepts', () => {
    expect(jobPriority(5_000_000)).toBe(2)
    expect(jobPriority(-5_000_000)).toBe(2_097_152)
  })
})

const skip = redisUnavailable()
if (skip) console.warn(skip)

describe.skipIf(skip !== null)('the scrape queue on a real Redis', () => {
  const redisServer = useRedisServer()

  it('queues a brand once, counts what waits, and drains it on Stop', async () => {
    const queue = new ScrapeQueue(redisServer.redis)
    try {
      expect(await queue.add(job(1), jobPriority(0))).toBe(true)
      expect(await queue.add(job(1), jobPriority(0, true))).toBe(false)
      expect(await queue.add(job(2), jobPriority(0))).toBe(true)
      expect(await queue.counts()).toEqual({ waiting: 2, active: 0 })
      await queue.drain()
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0 })
      // Drained, the brand can be queued again.
      expect(await queue.add(job(1), jobPriority(0))).toBe(true)
    } finally {
      await queue.close()
    }
  })

  it('gives a worker valid jobs by their id, and refuses a malformed one without crawling it', async () => {
    const queue = new ScrapeQueue(redisServer.redis)
    // A job that did not come from this coordinator (another version, or a hand-made one).
    const raw = new Queue(scrapeQueueName, { connection: redisServer.redis })
    await queue.add(job(7, 'Atlas'), jobPriority(0))
    await raw.add('scrape', { brand: { id: 'seven' } }, { jobId: 'bogus' })
    const processed: Array<{ name: string; jobId: string }> = []
    const refused: Array<{ jobId: string; why: string }> = []
    const errors: Error[] = []
    let worker: Worker | undefined
    const connection = redisServer.redis.duplicate()
    try {
      worker = startScrapeWorker({
        connection,
        concurrency: 2,
        process: async (taken, jobId) => {
          processed.push({ name: taken.brand.name, jobId })
        },
        refused: (jobId, why) => refused.push({ jobId, why }),
        error: (error) => errors.push(error)
      })
      await waitUntil(
        () => processed.length + refused.length === 2,
        20_000,
        () => JSON.stringify({ processed, refused })
      )
      expect(processed).toEqual([{ name: 'Atlas', jobId: 'brand-7' }])
      expect(refused).toHaveLength(1)
      expect(refused[0]!.jobId).toBe('bogus')
      expect(refused[0]!.why).not.toBe('')
      expect(errors).toEqual([])
      await waitUntil(
        async () => (await queue.counts()).active === 0,
        20_000,
        () => 'jobs still active'
      )
      expect(await queue.counts()).toEqual({ waiting: 0, active: 0 })
    } finally {
      await worker?.close()
      connection.disconnect()
      await raw.close()
      await queue.close()
    }
  })
})
