import { Queue } from 'bullmq'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QueueDispatch } from '../../../src/main/coordinator/queue-dispatch'
import { scrapeQueueName } from '../../../src/queue/queue-keys'
import { jobPriority, ScrapeQueue } from '../../../src/queue/scrape-queue'
import type { RemoteJob } from '../../../src/shared/worker-protocol'
import { CatalogStore } from '../../../src/store/catalog-store'
import { redisUnavailable } from '../../support/redis-server'
import { makeTempDir } from '../../support/temp-dir'
import { useRedisServer } from '../../support/use-redis-server'

const skip = redisUnavailable()
if (skip) console.warn(skip)

describe.skipIf(skip !== null)('QueueDispatch on a real Redis', () => {
  const redisServer = useRedisServer()
  let temp: ReturnType<typeof makeTempDir>
  let store: CatalogStore
  let queue: ScrapeQueue
  let jobs: Queue
  let dispatch: QueueDispatch | undefined
  const lines: string[] = []

  beforeEach(() => {
    temp = makeTempDir('brand-scraper-dispatch-')
    store = CatalogStore.open(join(temp.dir, 'catalog.db'))
    queue = new ScrapeQueue(redisServer.redis)
    jobs = new Queue(scrapeQueueName, { connection: redisServer.redis })
    lines.length = 0
  })

  afterEach(async () => {
    dispatch?.stopSchedule()
    dispatch = undefined
    await jobs.close()
    await queue.close()
    store.close()
    temp.cleanup()
  })

  const create = (scheduleMs = 3_600_000): QueueDispatch =>
    (dispatch = new QueueDispatch(store, queue, {
      overrides: { maxPages: 7 },
      scheduleMs,
      log: (level, message) => lines.push(`${level}: ${message}`)
    }))

  /** The queued jobs: brand name → BullMQ priority, and each job's data. */
  async function queued(): Promise<Map<string, { priority: number; data: RemoteJob }>> {
    const all = await jobs.getJobs(['waiting', 'prioritized'])
    return new Map(
      all.map((job) => [
        (job.data as RemoteJob).brand.name,
        { priority: job.opts.priority ?? 0, data: job.data as RemoteJob }
      ])
    )
  }

  const brand = (name: string, priority = 0): number =>
    store.brands.add({ name, website: `https://${name.toLowerCase()}.example`, priority }).id

  const dueIn = (id: number, ms: number): void => {
    store.db
      .prepare('UPDATE brands SET next_due_at = ?, last_scraped_at = ? WHERE id = ?')
      .run(new Date(Date.now() + ms).toISOString(), new Date().toISOString(), id)
  }

  it('once: queues every enabled brand with its priority, its settings and the overrides', async () => {
    brand('Atlas', 5)
    brand('Boreal')
    const off = brand('Cirrus')
    store.brands.update(off, { enabled: false })
    dueIn(brand('Dune'), 60 * 60 * 1000)

    expect(await create().start('once')).toBe(3)
    const added = await queued()
    expect([...added.keys()].sort()).toEqual(['Atlas', 'Boreal', 'Dune'])
    expect(added.get('Atlas')?.priority).toBe(jobPriority(5))
    expect(added.get('Boreal')?.priority).toBe(jobPriority(0))
    expect(added.get('Atlas')?.data).toMatchObject({
      brand: { name: 'Atlas', website: 'https://atlas.example' },
      overrides: { maxPages: 7 },
      fetchStrategy: null
    })
    // Queued already: a second Start adds nothing twice.
    expect(await dispatch!.start('once')).toBe(0)
    expect(dispatch!.active).toBe(false)
  })

  it('continuous: queues only what is due, leaves out a brand whose run still runs, and keeps a schedule', async () => {
    brand('Atlas')
    dueIn(brand('Boreal'), 60 * 60 * 1000)
    const busy = brand('Cirrus')
    store.workers.register({ id: 'w-1', pid: process.pid, mode: 'once', leaseMs: 15_000 })
    const claim = store.claims.claimBrand(busy, {
      workerId: 'w-1',
      leaseMs: 15_000,
      trigger: 'once'
    })
    expect('run' in claim).toBe(true)

    expect(await create().start('continuous')).toBe(1)
    expect([...(await queued()).keys()]).toEqual(['Atlas'])
    expect(dispatch!.active).toBe(true)
    dispatch!.stopSchedule()
    expect(dispatch!.active).toBe(false)
  })

  it('scrapes a brand the user asked for before every scheduled one, once', async () => {
    brand('Atlas', 9)
    const asked = store.brands.get(brand('Boreal'))!
    const subject = create()
    await subject.start('once')
    await queue.drain()
    expect(await subject.scrapeBrand(asked)).toBe(true)
    expect(await subject.scrapeBrand(asked)).toBe(false)
    expect((await queued()).get('Boreal')?.priority).toBe(1)
  })

  it('says when brands fell due on the schedule', async () => {
    const id = brand('Atlas')
    dueIn(id, 60 * 60 * 1000)
    const subject = create(50)
    expect(await subject.start('continuous')).toBe(0)
    dueIn(id, -1000)
    for (let i = 0; i < 200 && lines.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(lines).toEqual(['info: Queued 1 brand(s) that fell due.'])
    expect([...(await queued()).keys()]).toEqual(['Atlas'])
  })
})
