import type { IncomingMessage } from 'node:http'
import { checkUrlAddress, guardedLookup, type Resolver } from './network-guard'
import { readResponseBody, requestOnce, toHeaders } from './http-request'
import { USER_AGENT } from './user-agent'
import type { ConnectionPool } from './connection-pool'

/** Options of one HTTP GET (with its redirects). */
export interface HttpGetOptions {
  /** Aborts the request (the user stopped the run). */
  signal?: AbortSignal
  /** Whole-request budget, redirects and body included, in ms. Default: 20 000. */
  timeoutMs?: number
  /** Largest body accepted, in bytes; a bigger one is abandoned. Default: 10 MB. */
  maxBytes?: number
  /** Redirects followed before giving up. Default: 5. */
  maxRedirects?: number
  /** Value of the Accept header. Default: HTML first, anything else after. */
  accept?: string
  /**
   * Asked before following each redirect; returns a reason (in words) to refuse it, e.g. the
   * target is on another site or disallowed by robots.txt. Default: every redirect is followed.
   */
  checkRedirect?: (from: string, to: string) => string | null
  /**
   * Asked with the final response's Content-Type before its body is read; false skips the body
   * (a PDF is not downloaded just to be thrown away). Default: every type is read.
   */
  acceptContentType?: (contentType: string | null) => boolean
  /**
   * The one origin (scheme, host, port) allowed on a loopback, private, link-local or otherwise
   * restricted address: the brand's website, which the user chose. Every other URL, redirects
   * included, is refused there, checked on the address actually connected to. Default: the
   * origin of `url` itself (the caller chose it).
   */
  trustedOrigin?: string | null
  /** Resolves host names for the connection. Default: the system resolver (tests inject one). */
  resolver?: Resolver
  /** The crawl's kept-alive connections. Default: a fresh connection per request. */
  connections?: ConnectionPool
}

/** A response that was not a redirect, read in full. */
export interface HttpGetResponse {
  kind: 'response'
  /** Final URL, after redirects. */
  url: string
  status: number
  statusText: string
  headers: Headers
  /** Empty when `acceptContentType` refused the type (see `skippedType`). */
  body: Buffer
  redirects: number
  /** True when the body was not read because of its Content-Type. */
  skippedType: boolean
}

/** Why a GET produced no response. */
export type HttpGetFailureReason =
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'too-large'
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'redirect-refused'
  | 'address-refused'

/** A GET that produced no usable response; `message` says why in words. */
export interface HttpGetFailure {
  kind: 'failure'
  reason: HttpGetFailureReason
  message: string
  /** The URL being requested when it failed (a redirect target, perhaps). */
  url: string
  /** Low-level error code such as ENOTFOUND or ECONNREFUSED, when there is one. */
  code: string | null
  /**
   * True when the server had started answering (the headers came) before the failure: a page
   * that times out while being sent is drip-fed, and asking again would only cost as long again.
   */
  answered?: boolean
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])

const networkWords: Record<string, string> = {
  ENOTFOUND: 'host not found (DNS lookup failed)',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  CERT_HAS_EXPIRED: 'the TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the TLS certificate is self-signed',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the TLS certificate is for another host'
}

function errorCode(error: unknown): string | null {
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code } }).
  let current: unknown = error
  for (let i = 0; i < 4 && current != null; i++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return null
}

/** The deepest error message (undici's own is the unhelpful "fetch failed"). */
function rootMessage(error: unknown): string {
  let current: unknown = error
  let message = String(error)
  for (let i = 0; i < 4 && current != null; i++) {
    const text = (current as { message?: unknown }).message
    if (typeof text === 'string' && text !== '') message = text
    current = (current as { cause?: unknown }).cause
  }
  return message
}

function failure(
  reason: HttpGetFailureReason,
  message: string,
  url: string,
  code: string | null = null
): HttpGetFailure {
  return { kind: 'failure', reason, message, url, code }
}

function formatBytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

/** The failure for a request that threw before any answer. */
function requestFailure(error: unknown, url: string): HttpGetFailure {
  const code = errorCode(error)
  if (code === 'ERR_ADDRESS_REFUSED')
    return failure('address-refused', rootMessage(error), url, code)
  const words = (code != null ? networkWords[code] : undefined) ?? rootMessage(error)
  return failure('network', words, url, code)
}

/** The header value as one string (Node gives arrays for repeated headers). */
function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name]
  return value == null ? null : Array.isArray(value) ? value.join(', ') : value
}

/**
 * GETs `url` with Node's http(s), following redirects by hand so each hop can be counted and
 * vetted, with one deadline for the whole request (redirects, headers and body together) and a
 * body size cap. Every hop goes through the network guard: a restricted address (loopback,
 * private, link-local...) is refused unless the hop is on `trustedOrigin`, checked on the parsed
 * host for IP literals and on the resolved address the socket connects to for names. Never
 * throws: network trouble comes back as an `HttpGetFailure` with the reason in words; HTTP error
 * statuses come back as responses.
 */
export async function httpGet(
  url: string,
  options: HttpGetOptions = {}
): Promise<HttpGetResponse | HttpGetFailure> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024
  const maxRedirects = options.maxRedirects ?? 5
  const trustedOrigin = options.trustedOrigin === undefined ? url : options.trustedOrigin
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const signal =
    options.signal == null ? timeout.signal : AbortSignal.any([options.signal, timeout.signal])
  const seen = new Set<string>([url])
  let current = url
  let redirects = 0
  const aborted = (answered: boolean): HttpGetFailure =>
    options.signal?.aborted === true
      ? failure('aborted', 'stopped', current)
      : {
          ...failure(
            'timeout',
            `timed out after ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}` +
              (answered ? ' while the page was being sent' : ''),
            current
          ),
          answered
        }
  const headers = {
    'user-agent': USER_AGENT,
    accept: options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
    'accept-language': 'en;q=0.9,*;q=0.5',
    'accept-encoding': 'gzip, deflate, br'
  }
  try {
    for (;;) {
      let target: URL
      try {
        target = new URL(current)
      } catch {
        return failure('network', `not a valid address: ${current}`, current)
      }
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        return failure('network', `not an http(s) address: ${current}`, current)
      }
      const literal = checkUrlAddress(target, trustedOrigin)
      if (literal != null) return failure('address-refused', literal, current)
      let response: IncomingMessage
      try {
        const lookup = guardedLookup(current, trustedOrigin, options.resolver)
        response = await requestOnce(target, headers, lookup, signal, options.connections)
      } catch (error) {
        if (signal.aborted) return aborted(false)
        return requestFailure(error, current)
      }
      const status = response.statusCode ?? 0
      if (redirectStatuses.has(status)) {
        const location = header(response, 'location')
        response.destroy()
        if (location != null) {
          let next: string
          try {
            next = new URL(location, current).href
          } catch {
            return failure('network', `redirect to an invalid address: ${location}`, current)
          }
          if (seen.has(next)) {
            return failure('redirect-loop', `redirect loop back to ${next}`, current)
          }
          if (redirects >= maxRedirects) {
            return failure('too-many-redirects', `more than ${maxRedirects} redirects`, current)
          }
          const refusal = options.checkRedirect?.(current, next) ?? null
          if (refusal != null) {
            return failure('redirect-refused', `redirects to ${next}: ${refusal}`, current)
          }
          seen.add(next)
          redirects++
          current = next
          continue
        }
      }
      const contentType = header(response, 'content-type')
      const base = {
        kind: 'response' as const,
        url: current,
        status,
        statusText: response.statusMessage ?? '',
        headers: toHeaders(response),
        redirects
      }
      if (options.acceptContentType != null && !options.acceptContentType(contentType)) {
        response.destroy()
        return { ...base, body: Buffer.alloc(0), skippedType: true }
      }
      const declared = Number(header(response, 'content-length') ?? NaN)
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy()
        return failure(
          'too-large',
          `response of ${formatBytes(declared)} is over the ${formatBytes(maxBytes)} limit`,
          current
        )
      }
      let body: Buffer | 'too-large'
      try {
        body = await readResponseBody(response, maxBytes, signal)
      } catch (error) {
        if (signal.aborted) return aborted(true)
        const code = errorCode(error)
        return failure(
          'network',
          `connection lost while reading: ${(code != null ? networkWords[code] : undefined) ?? rootMessage(error)}`,
          current,
          code
        )
      }
      if (body === 'too-large') {
        return failure('too-large', `response is over the ${formatBytes(maxBytes)} limit`, current)
      }
      return { ...base, body, skippedType: false }
    }
  } finally {
    clearTimeout(timer)
  }
}
