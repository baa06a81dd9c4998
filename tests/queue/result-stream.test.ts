import { describe, expect, it } from 'vitest'
import { resultStreamKey } from '../../src/queue/queue-keys'
import {
  compareStreamIds,
  ResultStreamReader,
  ResultStreamWriter
} from '../../src/queue/result-stream'
import type { RemoteEntry } from '../../src/shared/worker-protocol'
import { redisUnavailable } from '../support/redis-server'
import { useRedisServer } from '../support/use-redis-server'

describe('compareStreamIds', () => {
  it('orders stream ids by time, then by sequence, as numbers', () => {
    expect(compareStreamIds('9-0', '10-0')).toBeLessThan(0)
    expect(compareStreamIds('10-2', '10-10')).toBeLessThan(0)
    expect(compareStreamIds('10-3', '10-3')).toBe(0)
    expect(compareStreamIds('11-0', '10-99')).toBeGreaterThan(0)
  })
})

const skip = redisUnavailable()
if (skip) console.warn(skip)

const gone = (workerId: string): RemoteEntry => ({ type: 'worker-gone', workerId })

describe.skipIf(skip !== null)('the results stream on a real Redis', () => {
  const redisServer = useRedisServer()

  it('delivers what a worker wrote, in order, and again after a restart until it is acknowledged', async () => {
    const { redis } = redisServer
    const errors: Error[] = []
    const writer = new ResultStreamWriter(redis, (error) => errors.push(error))
    for (const id of ['w1', 'w2', 'w3']) writer.add(gone(id))
    await writer.flush()
    expect(errors).toEqual([])

    const reader = new ResultStreamReader(redis)
    await reader.ensureGroup()
    await reader.ensureGroup() // an existing group is kept, not an error
    expect(reader.readingBacklog).toBe(true)
    // Nothing was delivered to this group before: the backlog is empty, then new entries come.
    expect(await reader.read(10, 100)).toEqual([])
    expect(reader.readingBacklog).toBe(false)
    const first = await reader.read(2, 100)
    expect(first.map((entry) => JSON.parse(entry.json!))).toEqual([gone('w1'), gone('w2')])

    // A coordinator killed before its commit: the next one reads the unacknowledged entries first.
    const restarted = new ResultStreamReader(redis)
    await restarted.ensureGroup()
    const again = await restarted.read(10, 100)
    expect(again.map((entry) => entry.id)).toEqual(first.map((entry) => entry.id))
    await restarted.ack(again.map((entry) => entry.id))
    await restarted.ack([])
    expect(await restarted.read(10, 100)).toEqual([])
    const rest = await restarted.read(10, 100)
    expect(rest.map((entry) => JSON.parse(entry.json!))).toEqual([gone('w3')])
    await restarted.ack(rest.map((entry) => entry.id))
    expect(await redis.xlen(resultStreamKey)).toBe(0)

    // After a reconnect the backlog is read again (Redis may have lost or kept it).
    restarted.rewind()
    expect(restarted.readingBacklog).toBe(true)
  })

  it('gives an entry without its field as null, for the caller to drop', async () => {
    const { redis } = redisServer
    const reader = new ResultStreamReader(redis)
    await reader.ensureGroup()
    await redis.xadd(resultStreamKey, '*', 'other', 'x')
    await reader.read(10, 100) // empty backlog
    const [entry] = await reader.read(10, 100)
    expect(entry?.json).toBeNull()
  })

  it('creates the stream when Redis lost it', async () => {
    const { redis } = redisServer
    const reader = new ResultStreamReader(redis)
    await reader.ensureGroup()
    await redis.flushall()
    await expect(reader.read(10, 100)).rejects.toThrow(/NOGROUP/)
    await reader.ensureGroup()
    expect(await reader.read(10, 100)).toEqual([])
  })
})
