import { Redis, type RedisOptions } from 'ioredis'
import { QueueError, type RedisTarget } from './redis-target'

/** Options of {@link openRedis}. */
export interface OpenRedisOptions {
  /**
   * Told when the connection fails, once per outage (ioredis reconnects by itself). Default:
   * nothing is said.
   */
  onProblem?: (message: string) => void
  /** Told when the connection is back after a problem. Default: nothing is said. */
  onBack?: () => void
}

/** ioredis options for a target: reconnecting forever, commands waiting for the connection. */
export function redisOptions(target: RedisTarget): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    username: target.username,
    password: target.password,
    db: target.db,
    tls: target.tls ? { servername: target.host } : undefined,
    // BullMQ's blocking commands need it; our own commands wait for a reconnect instead of failing.
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    connectTimeout: 5000
  }
}

/**
 * A Redis connection that survives a Redis restart: ioredis reconnects, and the commands issued
 * meanwhile wait and are sent then. Problems are said once per outage, without the password.
 */
export function openRedis(target: RedisTarget, options: OpenRedisOptions = {}): Redis {
  const redis = new Redis(redisOptions(target))
  let down = false
  redis.on('error', (error: Error) => {
    if (down) return
    down = true
    options.onProblem?.(`Redis at ${target.display}: ${describeRedisError(error)}; reconnecting…`)
  })
  // A Redis that shuts down cleanly closes the connection without an error: say that too.
  redis.on('reconnecting', () => {
    if (down) return
    down = true
    options.onProblem?.(`Redis at ${target.display}: the connection was lost; reconnecting…`)
  })
  redis.on('ready', () => {
    if (!down) return
    down = false
    options.onBack?.()
  })
  return redis
}

/**
 * Connects once, without retries, and pings: resolves when Redis answers, rejects with a
 * {@link QueueError} of one line (down, refused the password, not Redis) otherwise.
 */
export async function checkRedis(target: RedisTarget, timeoutMs = 5000): Promise<void> {
  const redis = new Redis({
    ...redisOptions(target),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs
  })
  let last: Error | undefined
  redis.on('error', (error: Error) => (last = error))
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    const cause = describeRedisError(last ?? (error as Error))
    throw new QueueError(`Cannot use the queue at ${target.display}: ${cause}`)
  } finally {
    redis.disconnect()
  }
}

/** A Redis or socket error in words, with what to do. */
export function describeRedisError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code
  const text = error.message
  if (/WRONGPASS|invalid username-password|NOAUTH|Authentication required/i.test(text)) {
    return 'Redis refused the password; give the right one as redis://:PASSWORD@HOST:PORT'
  }
  if (code === 'ECONNREFUSED') return 'connection refused; is redis-server running there?'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unknown host; check the address'
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(text)) {
    return 'no answer in time; check the address and the firewall'
  }
  if (/Connection is closed|ECONNRESET/i.test(text)) return 'the connection was closed'
  if (/certificate|self[- ]signed|CERT_|SSL|TLS/i.test(`${code ?? ''} ${text}`)) {
    return (
      `${text.split('\n')[0]!.slice(0, 120)}; the TLS certificate was not trusted: give its ` +
      'CA as NODE_EXTRA_CA_CERTS=/path/ca.pem, or connect to the name the certificate is for'
    )
  }
  return text.split('\n')[0]!.slice(0, 200)
}
