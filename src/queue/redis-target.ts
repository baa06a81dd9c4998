/** Where Redis is, parsed from a `redis://` or `rediss://` URL, with the password kept apart. */
export interface RedisTarget {
  host: string
  port: number
  username?: string
  password?: string
  /** The database number from the URL's path. Default: 0. */
  db: number
  /** `rediss://`: TLS, verified against the system's certificate authorities. */
  tls: boolean
  /** The URL as it may be shown: the password replaced by `***`. */
  display: string
}

/** A queue option the user can fix: its message is one line saying what to do. */
export class QueueError extends Error {
  override name = 'QueueError'
}

/**
 * Parses `--queue redis://[:PASSWORD@]HOST[:PORT][/DB]` (or `rediss://` for TLS). Throws a
 * {@link QueueError} saying what is wrong, never echoing the password.
 */
export function parseRedisTarget(url: string): RedisTarget {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new QueueError(
      `--queue must be a Redis URL such as redis://HOST:6379 (got ${redactRedisUrl(url)})`
    )
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new QueueError(
      `--queue must start with redis:// or rediss:// (got ${redactRedisUrl(url)})`
    )
  }
  if (!parsed.hostname) throw new QueueError('--queue needs a host: redis://HOST:6379')
  const dbText = parsed.pathname.replace(/^\//, '')
  const db = dbText === '' ? 0 : Number(dbText)
  if (!Number.isInteger(db) || db < 0 || db > 15) {
    throw new QueueError('--queue: the database after the host must be a number from 0 to 15')
  }
  const tls = parsed.protocol === 'rediss:'
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db,
    tls,
    display: `${parsed.protocol}//${parsed.password ? `${parsed.username}:***@` : ''}${parsed.host}${
      db ? `/${db}` : ''
    }`
  }
}

/** Any text with the passwords of the URLs in it (Redis or mistyped ones) replaced by `***`. */
export function redactRedisUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:)[^@\s]*@/gi, '$1***@')
}
