import type { IncomingMessage } from 'node:http'
import type { ConnectionPool } from './connection-pool'
import {
  deadlineFailure,
  failure,
  readFailure,
  requestFailure,
  type HttpGetFailure
} from './http-get-failure'
import { formatBytes } from './format-bytes'
import { readResponseBody, requestOnce, toHeaders } from './http-request'
import { checkUrlAddress, guardedLookup, type Resolver } from './network-guard'
import { maxResponseBytes } from './response-size-cap'
import { USER_AGENT } from './user-agent'

export type { HttpGetFailure, HttpGetFailureReason } from './http-get-failure'

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

const redirectStatuses = new Set([301, 302, 303, 307, 308])

/** One GET's settings, defaults applied, shared by all its hops. */
interface GetCall {
  options: HttpGetOptions
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  trustedOrigin: string | null
  /** Fires when the user stops or the whole-request deadline passes. */
  signal: AbortSignal
  headers: Record<string, string>
}

/** The header value as one string (Node gives arrays for repeated headers). */
function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name]
  return value == null ? null : Array.isArray(value) ? value.join(', ') : value
}

/** Whether a hop came back as a failure rather than a response. */
function isFailure(value: IncomingMessage | HttpGetFailure): value is HttpGetFailure {
  return 'kind' in value && value.kind === 'failure'
}

/** The failure for a GET whose signal fired: stopped by the user, or out of time. */
function signalFailure(call: GetCall, url: string, answered: boolean): HttpGetFailure {
  return deadlineFailure(url, call.timeoutMs, call.options.signal?.aborted === true, answered)
}

/**
 * Sends one hop's request and resolves with its response head, or the failure: an address that
 * is not http(s), or restricted and not trusted (checked on IP literals here, and on the resolved
 * address by the guarded lookup), or a request that threw.
 */
async function openHop(url: string, call: GetCall): Promise<IncomingMessage | HttpGetFailure> {
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return failure('network', `not a valid address: ${url}`, url)
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return failure('network', `not an http(s) address: ${url}`, url)
  }
  const literal = checkUrlAddress(target, call.trustedOrigin)
  if (literal != null) return failure('address-refused', literal, url)
  try {
    const lookup = guardedLookup(url, call.trustedOrigin, call.options.resolver)
    return await requestOnce(target, call.headers, lookup, call.signal, call.options.connections)
  } catch (error) {
    if (call.signal.aborted) return signalFailure(call, url, false)
    return requestFailure(error, url)
  }
}

/**
 * Where a redirect response sends the GET next, vetted (a loop, one hop too many, or a target
 * `checkRedirect` refuses is a failure); null when the response is not a redirect to follow.
 * A redirect's body is never read: its connection is let go here.
 */
function redirectTarget(
  response: IncomingMessage,
  url: string,
  call: GetCall,
  seen: ReadonlySet<string>,
  redirects: number
): string | HttpGetFailure | null {
  if (!redirectStatuses.has(response.statusCode ?? 0)) return null
  const location = header(response, 'location')
  response.destroy()
  if (location == null) return null
  let next: string
  try {
    next = new URL(location, url).href
  } catch {
    return failure('network', `redirect to an invalid address: ${location}`, url)
  }
  if (seen.has(next)) return failure('redirect-loop', `redirect loop back to ${next}`, url)
  if (redirects >= call.maxRedirects) {
    return failure('too-many-redirects', `more than ${call.maxRedirects} redirects`, url)
  }
  const refusal = call.options.checkRedirect?.(url, next) ?? null
  if (refusal != null) {
    return failure('redirect-refused', `redirects to ${next}: ${refusal}`, url)
  }
  return next
}

/**
 * Reads the final (non-redirect) response: skips the body of a type `acceptContentType` refuses,
 * and abandons one declared or found to be over `maxBytes`.
 */
async function readFinalResponse(
  response: IncomingMessage,
  url: string,
  call: GetCall,
  redirects: number
): Promise<HttpGetResponse | HttpGetFailure> {
  const { acceptContentType } = call.options
  const base = {
    kind: 'response' as const,
    url,
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers: toHeaders(response),
    redirects
  }
  if (acceptContentType != null && !acceptContentType(header(response, 'content-type'))) {
    response.destroy()
    return { ...base, body: Buffer.alloc(0), skippedType: true }
  }
  const declared = Number(header(response, 'content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > call.maxBytes) {
    response.destroy()
    return failure(
      'too-large',
      `response of ${formatBytes(declared)} is over the ${formatBytes(call.maxBytes)} limit`,
      url
    )
  }
  let body: Buffer | 'too-large'
  try {
    body = await readResponseBody(response, call.maxBytes, call.signal)
  } catch (error) {
    if (call.signal.aborted) return signalFailure(call, url, true)
    return readFailure(error, url)
  }
  if (body === 'too-large') {
    return failure('too-large', `response is over the ${formatBytes(call.maxBytes)} limit`, url)
  }
  return { ...base, body, skippedType: false }
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
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const call: GetCall = {
    options,
    timeoutMs,
    maxBytes: options.maxBytes ?? maxResponseBytes,
    maxRedirects: options.maxRedirects ?? 5,
    trustedOrigin: options.trustedOrigin === undefined ? url : options.trustedOrigin,
    signal:
      options.signal == null ? timeout.signal : AbortSignal.any([options.signal, timeout.signal]),
    headers: {
      'user-agent': USER_AGENT,
      accept: options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      'accept-language': 'en;q=0.9,*;q=0.5',
      'accept-encoding': 'gzip, deflate, br'
    }
  }
  const seen = new Set<string>([url])
  let current = url
  let redirects = 0
  try {
    for (;;) {
      const response = await openHop(current, call)
      if (isFailure(response)) return response
      const next = redirectTarget(response, current, call, seen, redirects)
      if (next == null) return await readFinalResponse(response, current, call, redirects)
      if (typeof next !== 'string') return next
      seen.add(next)
      redirects++
      current = next
    }
  } finally {
    clearTimeout(timer)
  }
}
