import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, lstatSync, readFileSync, writeFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'

/** The file beside the catalog that keeps `serve`'s access token. */
export const serveTokenFileName = 'serve-token'

/** The header a script sends the token in (or `Authorization: Bearer TOKEN`). */
export const serveTokenHeader = 'x-brand-scraper-token'

/** A token from {@link loadServeToken}. */
export interface ServeToken {
  token: string
  /** Where it is kept (mode 0600). */
  file: string
  /** Whether this call generated it. */
  created: boolean
}

/**
 * Reads the access token kept in `dir` (the catalog's folder), generating it on first use: 32
 * random bytes, base64url, written with mode 0600 so other users of the machine cannot read it.
 * A file that exists is set back to 0600; one that is not a regular file is refused.
 */
export function loadServeToken(dir: string): ServeToken {
  const file = join(dir, serveTokenFileName)
  const existing = readTokenFile(file)
  if (existing) return { token: existing, file, created: false }
  const token = randomBytes(32).toString('base64url')
  writeFileSync(file, `${token}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return { token, file, created: true }
}

function readTokenFile(file: string): string | undefined {
  let isFile: boolean
  try {
    isFile = lstatSync(file).isFile()
  } catch {
    return undefined
  }
  if (!isFile) throw new Error(`${file} is not a regular file; remove it, then start serve again.`)
  chmodSync(file, 0o600)
  const token = readFileSync(file, 'utf8').trim()
  return /^[A-Za-z0-9_-]{32,}$/.test(token) ? token : undefined
}

/** Compares two tokens in constant time (of their SHA-256 digests, so lengths leak nothing). */
export function sameToken(candidate: string, token: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(candidate), digest(token))
}

/**
 * The token a request carries: `Authorization: Bearer TOKEN`, the {@link serveTokenHeader}
 * header, or the cookie `cookieName` the browser got from the `?token=` link.
 */
export function requestToken(request: IncomingMessage, cookieName: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1]
  if (bearer) return bearer
  const header = request.headers[serveTokenHeader]
  if (typeof header === 'string' && header) return header
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === cookieName) return part.slice(at + 1).trim()
  }
  return undefined
}
