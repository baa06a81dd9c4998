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

/** The error in words: the network error's plain name when it has one, else its own message. */
function errorWords(error: unknown, code: string | null): string {
  return (code != null ? networkWords[code] : undefined) ?? rootMessage(error)
}

/** A failure of `url` for `reason`, told in `message`. */
export function failure(
  reason: HttpGetFailureReason,
  message: string,
  url: string,
  code: string | null = null
): HttpGetFailure {
  return { kind: 'failure', reason, message, url, code }
}

/** The failure for a request that threw before any answer. */
export function requestFailure(error: unknown, url: string): HttpGetFailure {
  const code = errorCode(error)
  if (code === 'ERR_ADDRESS_REFUSED')
    return failure('address-refused', rootMessage(error), url, code)
  return failure('network', errorWords(error, code), url, code)
}

/** The failure for a connection that broke while the body was being read. */
export function readFailure(error: unknown, url: string): HttpGetFailure {
  const code = errorCode(error)
  return failure('network', `connection lost while reading: ${errorWords(error, code)}`, url, code)
}

/**
 * The failure for a request whose signal fired: `aborted` when the user stopped, else `timeout`
 * after `timeoutMs`; `answered` when the headers had come (the page was being sent).
 */
export function deadlineFailure(
  url: string,
  timeoutMs: number,
  userStopped: boolean,
  answered: boolean
): HttpGetFailure {
  if (userStopped) return failure('aborted', 'stopped', url)
  const budget = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`
  return {
    ...failure(
      'timeout',
      `timed out after ${budget}` + (answered ? ' while the page was being sent' : ''),
      url
    ),
    answered
  }
}
