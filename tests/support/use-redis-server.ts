import type { Redis } from 'ioredis'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { openRedis } from '../../src/queue/redis-connection'
import { parseRedisTarget, type RedisTarget } from '../../src/queue/redis-target'
import { startRedisServer, type RedisServer, type RedisServerOptions } from './redis-server'

/** What {@link useRedisServer} gives a suite; read its fields inside tests and hooks. */
export interface RedisServerHandle {
  /** The server of this suite (the restarted one after {@link RedisServerHandle.restart}). */
  readonly server: RedisServer
  /** The server's address, parsed as the CLI parses `--queue`. */
  readonly target: RedisTarget
  /** A client of the suite (as `openRedis` makes them, reconnecting), flushed before each test. */
  readonly redis: Redis
  /** Restarts the server on the same port and data; the handle follows it. */
  restart(): Promise<RedisServer>
}

/**
 * A real redis-server for the tests of the calling suite: started before them, emptied
 * (`FLUSHALL`) before each, stopped and removed after them. Call it inside a
 * `describe.skipIf(redisUnavailable() !== null)` so that nothing starts where Redis is missing.
 *
 * @param options of {@link startRedisServer}. Default: a plain server on a free port.
 */
export function useRedisServer(options: RedisServerOptions = {}): RedisServerHandle {
  let server: RedisServer | undefined
  let client: Redis | undefined
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useRedisServer: read the handle inside a test')
    return value
  }
  beforeAll(async () => {
    server = await startRedisServer(options)
    client = openRedis(parseRedisTarget(server.url))
  }, 30_000)
  beforeEach(async () => {
    await started(client).flushall()
  })
  afterAll(async () => {
    client?.disconnect()
    await server?.stop()
    server?.cleanup()
  })
  return {
    get server() {
      return started(server)
    },
    get target() {
      return parseRedisTarget(started(server).url)
    },
    get redis() {
      return started(client)
    },
    restart: async () => (server = await started(server).restart())
  }
}
