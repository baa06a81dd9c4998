/**
 * `serve` loads the Redis client and BullMQ only with `--queue`: a coordinator without a queue
 * starts as fast as before issue 9. Every module the process resolves is recorded by a loader hook.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { QueueFleet } from '../queue/queue-fleet'
import { redisUnavailable } from '../support/redis-server'
import { useRedisServer } from '../support/use-redis-server'
import { makeTempDir } from '../support/temp-dir'

const skip = redisUnavailable()
if (skip) console.warn(skip)

const hook = pathToFileURL(join(__dirname, '..', 'cli', 'record-imports-hook.mjs')).href
const temp = makeTempDir('brand-scraper-queue-startup-')
let fleet: QueueFleet | undefined

afterEach(async () => {
  await fleet?.stopAll()
})

afterAll(() => temp.cleanup())

/** Starts `serve` (with `--queue` when given) and says which modules it loaded. */
async function modulesOfServe(name: string, queue: string | null): Promise<string[]> {
  const record = join(temp.dir, `${name}.txt`)
  fleet = new QueueFleet(temp.dir, {
    NODE_OPTIONS: `--import ${hook}`,
    RECORD_IMPORTS_FILE: record
  })
  await fleet.startServe(join(temp.dir, `${name}.db`), queue)
  await fleet.stopAll()
  return readFileSync(record, 'utf8').trim().split('\n')
}

const queueModule =
  /\/node_modules\/(bullmq|ioredis)\/|\/src\/queue\/|\/coordinator\/queue-[\w-]+\.ts$/

describe.skipIf(skip !== null)('serve and the queue modules', () => {
  const redis = useRedisServer()

  it('loads neither BullMQ nor the Redis client without --queue, and both with it', async () => {
    const plain = await modulesOfServe('plain', null)
    expect(plain.some((url) => url.endsWith('/src/main/coordinator/coordinator.ts'))).toBe(true)
    expect(plain.filter((url) => queueModule.test(url))).toEqual([])

    const queued = await modulesOfServe('queued', redis.server.url)
    expect(queued.some((url) => /\/node_modules\/bullmq\//.test(url))).toBe(true)
    expect(queued.some((url) => /\/node_modules\/ioredis\//.test(url))).toBe(true)
  }, 120_000)
})
