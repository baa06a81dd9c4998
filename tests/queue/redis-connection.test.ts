import { describe, expect, it } from 'vitest'
import { checkRedis, describeRedisError, openRedis } from '../../src/queue/redis-connection'
import { parseRedisTarget, QueueError } from '../../src/queue/redis-target'
import { freePort, redisUnavailable, startRedisServer } from '../support/redis-server'
import { waitUntil } from '../support/wait-until'

function errorWith(message: string, code?: string): Error {
  return Object.assign(new Error(message), code ? { code } : {})
}

describe('describeRedisError', () => {
  it('says what to do about each kind of failure', () => {
    expect(describeRedisError(errorWith('WRONGPASS invalid username-password pair'))).toMatch(
      /refused the password.*redis:\/\/:PASSWORD@HOST:PORT/
    )
    expect(describeRedisError(errorWith('connect ECONNREFUSED', 'ECONNREFUSED'))).toMatch(
      /is redis-server running/
    )
    expect(describeRedisError(errorWith('getaddrinfo ENOTFOUND q', 'ENOTFOUND'))).toMatch(
      /unknown host/
    )
    expect(describeRedisError(errorWith('connect ETIMEDOUT', 'ETIMEDOUT'))).toMatch(/firewall/)
    expect(describeRedisError(errorWith('self-signed certificate in chain'))).toMatch(
      /NODE_EXTRA_CA_CERTS/
    )
  })

  it('keeps an unknown error to its first line', () => {
    expect(describeRedisError(errorWith(`ERR odd\n${'x'.repeat(50)}`))).toBe('ERR odd')
  })
})

const skip = redisUnavailable()
if (skip) console.warn(skip)

describe.skipIf(skip !== null)('Redis connections to a real redis-server', () => {
  it('checks a Redis that answers, and refuses one that is not there in one line', async () => {
    const server = await startRedisServer()
    try {
      await expect(checkRedis(parseRedisTarget(server.url))).resolves.toBeUndefined()
    } finally {
      await server.stop()
      server.cleanup()
    }
    const nobody = parseRedisTarget(`redis://127.0.0.1:${await freePort()}`)
    const refused = checkRedis(nobody, 2000)
    await expect(refused).rejects.toThrow(QueueError)
    await expect(refused).rejects.toThrow(/connection refused; is redis-server running there\?/)
  })

  it('says a wrong password is wrong, without showing it', async () => {
    const server = await startRedisServer({ password: 'right-one' })
    try {
      const target = parseRedisTarget(`redis://:wrong-one@127.0.0.1:${server.port}`)
      const checked = checkRedis(target)
      await expect(checked).rejects.toThrow(/refused the password/)
      await expect(checked).rejects.not.toThrow(/wrong-one/)
    } finally {
      await server.stop()
      server.cleanup()
    }
  })

  it('survives a Redis restart: says the outage once, and that it is back', async () => {
    const first = await startRedisServer({ password: 'hunter2' })
    const problems: string[] = []
    let backs = 0
    const redis = openRedis(parseRedisTarget(first.url), {
      onProblem: (message) => problems.push(message),
      onBack: () => backs++
    })
    let second = first
    try {
      await redis.set('kept', 'yes')
      await first.stop()
      await waitUntil(
        () => problems.length > 0,
        20_000,
        () => 'no problem reported'
      )
      // A command issued while Redis is away waits for it rather than failing.
      const pending = redis.get('kept')
      second = await first.restart()
      expect(await pending).toBe('yes')
      await waitUntil(
        () => backs === 1,
        20_000,
        () => `backs: ${backs}`
      )
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(/reconnecting/)
      expect(problems[0]).not.toMatch(/hunter2/)
    } finally {
      redis.disconnect()
      await second.stop()
      first.cleanup()
    }
  })
})
