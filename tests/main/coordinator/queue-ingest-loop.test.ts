import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { QueueIngestLoop } from '../../../src/main/coordinator/queue-ingest-loop'
import { coordinatorGroup, resultStreamKey } from '../../../src/queue/queue-keys'
import { ResultStreamReader } from '../../../src/queue/result-stream'
import type { RemoteEntry } from '../../../src/shared/worker-protocol'
import { CatalogStore } from '../../../src/store/catalog-store'
import { bareProduct } from '../../support/bare-product'
import { redisUnavailable } from '../../support/redis-server'
import { makeTempDir } from '../../support/temp-dir'
import { useRedisServer } from '../../support/use-redis-server'
import { waitUntil } from '../../support/wait-until'

const skip = redisUnavailable()
if (skip) console.warn(skip)

describe.skipIf(skip !== null)('QueueIngestLoop with a real Redis', () => {
  const temp = makeTempDir('brand-scraper-ingest-loop-')
  const redisServer = useRedisServer()

  afterAll(() => {
    temp.cleanup()
  })

  const add = (fields: string[]): Promise<string | null> =>
    redisServer.redis.xadd(resultStreamKey, '*', ...fields)
  const entry = (value: unknown): string[] => ['e', JSON.stringify(value)]

  it('commits valid entries, logs and drops malformed or foreign ones, never a partial product', async () => {
    const store = CatalogStore.open(join(temp.dir, 'catalog.db'))
    const brandId = store.brands.add({ name: 'Atlas', website: 'https://atlas.example' }).id
    const started: RemoteEntry = {
      type: 'run-started',
      workerId: 'far-1-abcd',
      host: 'far',
      pid: 1,
      attemptId: 'a1',
      brandId,
      startedAt: new Date().toISOString(),
      leaseMs: 15_000
    }
    const good: RemoteEntry = {
      type: 'product',
      attemptId: 'a1',
      url: 'https://atlas.example/p/1',
      product: bareProduct('Good Amp')
    }
    await add(entry(started))
    await add(['e', '{not json'])
    await add(['foreign', 'field'])
    await add(
      entry({
        type: 'product',
        attemptId: 'a1',
        url: 'https://atlas.example/p/2',
        product: { name: 'Half Amp', price: 'free' }
      })
    )
    await add(entry({ type: 'launch-missiles' }))
    await add(entry(good))

    const warnings: string[] = []
    let products = 0
    const reading = redisServer.redis.duplicate()
    const loop = new QueueIngestLoop(
      store,
      new ResultStreamReader(reading),
      {
        committed: (outcome) => (products += outcome.products),
        warn: (message) => warnings.push(message)
      },
      { blockMs: 100 }
    )
    await waitUntil(
      () => products === 1 && warnings.length === 4,
      20_000,
      () => warnings.join('\n')
    )
    await loop.close()
    reading.disconnect()

    expect(warnings.join('\n')).toMatch(/not JSON/)
    expect(warnings.join('\n')).toMatch(/not an entry of a Brand Scraper worker/)
    expect(warnings.join('\n')).not.toContain('Half Amp')
    const stored = store.products.list({
      limit: 10,
      offset: 0,
      sort: 'name',
      order: 'asc',
      includeMissing: true
    })
    expect(stored.items.map((item) => item.name)).toEqual(['Good Amp'])
    // Everything read was acknowledged and deleted, the dropped entries too.
    const pending = (await redisServer.redis.xpending(resultStreamKey, coordinatorGroup)) as [
      number
    ]
    expect(pending[0]).toBe(0)
    expect(await redisServer.redis.xlen(resultStreamKey)).toBe(0)
    store.close()
  }, 60_000)
})
