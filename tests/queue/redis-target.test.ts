import { describe, expect, it } from 'vitest'
import { parseRedisTarget, QueueError, redactRedisUrl } from '../../src/queue/redis-target'

describe('parseRedisTarget', () => {
  it('reads host, port, password, database and TLS, and shows the URL without the password', () => {
    const target = parseRedisTarget('rediss://:s3cr%40t@queue.example:6380/2')
    expect(target).toMatchObject({
      host: 'queue.example',
      port: 6380,
      password: 's3cr@t',
      db: 2,
      tls: true
    })
    expect(target.display).toBe('rediss://:***@queue.example:6380/2')
    expect(parseRedisTarget('redis://127.0.0.1')).toMatchObject({ port: 6379, db: 0, tls: false })
  })

  it('refuses what is not a Redis URL, without echoing a password', () => {
    expect(() => parseRedisTarget('http://:pw@host:1')).toThrow(QueueError)
    expect(() => parseRedisTarget('http://:pw@host:1')).toThrow(/redis:\/\/ or rediss:\/\//)
    expect(() => parseRedisTarget('http://:pw@host:1')).not.toThrow(/pw/)
    expect(() => parseRedisTarget('redis://host/99')).toThrow(/0 to 15/)
  })
})

describe('redactRedisUrl', () => {
  it('hides every password in a text', () => {
    expect(redactRedisUrl('a redis://user:pw@h:1 and rediss://:x@y/0')).toBe(
      'a redis://user:***@h:1 and rediss://:***@y/0'
    )
    expect(redactRedisUrl('redis://h:6379')).toBe('redis://h:6379')
  })
})
