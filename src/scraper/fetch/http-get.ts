import { USER_AGENT } from './user-agent'

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

/** A GET that produced no usable response; `message` says why in words. */
export interface HttpGetFailure {
  kind: 'failure'
  reason: HttpGetFailureReason
  message: string
  /** The URL being requested when it failed (a redirect target, perhaps). */
  url: string
  /** Low-level error code such as ENOTFOUND or ECONNREFUSED, when there is one. */
  code: string | null
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

/** The whole body, or 'too-large' (and the rest abandoned) once it passes `maxBytes`. */
async function readBody(response: Response, maxBytes: number): Promise<Buffer | 'too-large'> {
  const chunks: Uint8Array[] = []
  let total = 0
  if (response.body == null) return Buffer.alloc(0)
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      return 'too-large'
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, total)
}

/**
 * GETs `url` with node's fetch, following redirects by hand (`redirect: 'manual'`) so each hop can
 * be counted and vetted, with a timeout and a body size cap. Never throws: network trouble comes
 * back as an `HttpGetFailure` with the reason in words; HTTP error statuses come back as responses.
 */
export async function httpGet(
  url: string,
  options: HttpGetOptions = {}
): Promise<HttpGetResponse | HttpGetFailure> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024
  const maxRedirects = options.maxRedirects ?? 5
  const timeout = new AbortController()
  const timer = setTimeout(() => timeout.abort(), timeoutMs)
  const signal =
    options.signal == null ? timeout.signal : AbortSignal.any([options.signal, timeout.signal])
  const seen = new Set<string>([url])
  let current = url
  let redirects = 0
  const aborted = (): HttpGetFailure =>
    options.signal?.aborted === true
      ? failure('aborted', 'stopped', current)
      : failure('timeout', `timed out after ${Math.round(timeoutMs / 1000)} s`, current)
  try {
    for (;;) {
      let response: Response
      try {
        response = await fetch(current, {
          redirect: 'manual',
          signal,
          headers: {
            'user-agent': USER_AGENT,
            accept: options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
            'accept-language': 'en;q=0.9,*;q=0.5'
          }
        })
      } catch (error) {
        if (signal.aborted) return aborted()
        const code = errorCode(error)
        const words = (code != null ? networkWords[code] : undefined) ?? rootMessage(error)
        return failure('network', words, current, code)
      }
      if (redirectStatuses.has(response.status)) {
        const location = response.headers.get('location')
        await response.body?.cancel()
        if (location != null) {
          let target: string
          try {
            target = new URL(location, current).href
          } catch {
            return failure('network', `redirect to an invalid address: ${location}`, current)
          }
          if (seen.has(target)) {
            return failure('redirect-loop', `redirect loop back to ${target}`, current)
          }
          if (redirects >= maxRedirects) {
            return failure('too-many-redirects', `more than ${maxRedirects} redirects`, current)
          }
          const refusal = options.checkRedirect?.(current, target) ?? null
          if (refusal != null) {
            return failure('redirect-refused', `redirects to ${target}: ${refusal}`, current)
          }
          seen.add(target)
          redirects++
          current = target
          continue
        }
      }
      const contentType = response.headers.get('content-type')
      const base = {
        kind: 'response' as const,
        url: current,
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        redirects
      }
      if (options.acceptContentType != null && !options.acceptContentType(contentType)) {
        await response.body?.cancel()
        return { ...base, body: Buffer.alloc(0), skippedType: true }
      }
      const declared = Number(response.headers.get('content-length'))
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel()
        return failure(
          'too-large',
          `response of ${formatBytes(declared)} is over the ${formatBytes(maxBytes)} limit`,
          current
        )
      }
      let body: Buffer | 'too-large'
      try {
        body = await readBody(response, maxBytes)
      } catch (error) {
        if (signal.aborted) return aborted()
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
