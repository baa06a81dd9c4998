import type { IncomingMessage } from 'node:http'

/**
 * A request the server refuses before it reaches the API, as the status and the error body it
 * answers with. Refusals are values, not a second error class: the API's own failures are
 * ApiErrors (src/shared/api-error.ts), and both are sent the same way.
 */
export interface HttpRefusal {
  status: number
  error: { code: string; message: string }
}

/** Builds an {@link HttpRefusal}. */
export function refuse(status: number, code: string, message: string): HttpRefusal {
  return { status, error: { code, message } }
}

/** GET and HEAD only read; every other method may change something. */
export function isReadingMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD'
}

/**
 * Refuses requests whose Host header is not in `allowedHosts` (lower-case hostnames, no port): a
 * web page the user visits could otherwise reach the API through DNS rebinding, whatever
 * interface the server listens on. See `allowedHostNames` (listen-address.ts).
 */
export function refuseForeignHost(
  request: IncomingMessage,
  allowedHosts: ReadonlySet<string>
): HttpRefusal | undefined {
  const header = request.headers.host
  if (!header) return refuse(400, 'bad_request', 'The request has no Host header.')
  const hostname = header
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  if (allowedHosts.has(hostname)) return undefined
  return refuse(
    403,
    'forbidden',
    `Requests for host ${hostname} are not served here; ` +
      'start serve with --allowed-host NAME to answer to that name.'
  )
}

/**
 * Refuses a state-changing request (any method but GET and HEAD) that a web page of another site
 * could have sent: the browser says where it comes from in `Sec-Fetch-Site` and `Origin`, and
 * only `Content-Type: application/json` forces a CORS preflight, which this server never grants.
 * Checked before the body is read, with or without a body: an empty `text/plain` POST is a write.
 */
export function refuseCrossSiteWrite(request: IncomingMessage): HttpRefusal | undefined {
  if (isReadingMethod(request.method)) return undefined
  const fetchSite = request.headers['sec-fetch-site']
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return refuse(403, 'forbidden', `${request.method} from another site is refused.`)
  }
  const origin = request.headers.origin
  if (origin !== undefined && !isOwnOrigin(origin, request.headers.host)) {
    return refuse(403, 'forbidden', `${request.method} from origin ${origin} is refused.`)
  }
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
    return refuse(
      415,
      'unsupported_media_type',
      `${request.method} requests need the header Content-Type: application/json, ` +
        'with or without a body.'
    )
  }
  return undefined
}

/** Whether `origin` is `http://` and the Host the request was sent to (already allow-listed). */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false
  try {
    return new URL(origin).origin === new URL(`http://${host}`).origin
  } catch {
    return false
  }
}

/** Refuses anything but GET and HEAD: outside `/api/` the server only serves files. */
export function refuseUnlessReading(request: IncomingMessage): HttpRefusal | undefined {
  if (isReadingMethod(request.method)) return undefined
  return refuse(405, 'method_not_allowed', `${request.method} is not allowed here.`)
}

/** A JSON body read by {@link readJsonBody}, or why it was refused. */
export type JsonBodyResult =
  { ok: true; body: Record<string, unknown> } | { ok: false; refusal: HttpRefusal }

/**
 * Reads a request body of at most `maxBytes` as a JSON object; an empty body is `{}`. Only JSON
 * is accepted: a cross-site HTML form cannot send it without a CORS preflight. A declared
 * `Content-Length` over the limit is refused before anything is read, so a client announcing a
 * huge body and sending nothing gets its answer at once.
 */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number
): Promise<JsonBodyResult> {
  const tooLarge = refused(413, 'payload_too_large', `The request body is over ${maxBytes} bytes.`)
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) return tooLarge
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBytes) return tooLarge
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return { ok: true, body: {} }
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    return refused(
      415,
      'unsupported_media_type',
      'Send the request body as JSON with the header Content-Type: application/json.'
    )
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    return refused(
      400,
      'bad_request',
      `The request body is not valid JSON: ${(error as Error).message}`
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refused(400, 'bad_request', 'The request body must be a JSON object.')
  }
  return { ok: true, body: body as Record<string, unknown> }
}

function refused(status: number, code: string, message: string): JsonBodyResult {
  return { ok: false, refusal: refuse(status, code, message) }
}
