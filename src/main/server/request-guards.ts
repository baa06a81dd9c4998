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

/** The hostnames a loopback server answers to, whatever interface it listens on. */
const loopbackNames = ['127.0.0.1', 'localhost', '::1']

/**
 * Refuses requests whose Host header is not this server: a web page the user visits could
 * otherwise reach the unauthenticated API through DNS rebinding. A server listening on every
 * interface (`0.0.0.0`, `::`) was asked to be reachable by any name.
 */
export function refuseForeignHost(
  request: IncomingMessage,
  listenHost: string
): HttpRefusal | undefined {
  const header = request.headers.host
  if (!header) return refuse(400, 'bad_request', 'The request has no Host header.')
  const hostname = header
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::'
  if (wildcard || loopbackNames.includes(hostname) || hostname === listenHost.toLowerCase()) {
    return undefined
  }
  return refuse(403, 'forbidden', `Requests for host ${hostname} are not served here.`)
}

/** Refuses anything but GET and HEAD: outside `/api/` the server only serves files. */
export function refuseUnlessReading(request: IncomingMessage): HttpRefusal | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined
  return refuse(405, 'method_not_allowed', `${request.method} is not allowed here.`)
}

/** A JSON body read by {@link readJsonBody}, or why it was refused. */
export type JsonBodyResult =
  { ok: true; body: Record<string, unknown> } | { ok: false; refusal: HttpRefusal }

/**
 * Reads a request body of at most `maxBytes` as a JSON object; an empty body is `{}`. Only JSON
 * is accepted: a cross-site HTML form cannot send it without a CORS preflight.
 */
export async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number
): Promise<JsonBodyResult> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      return refused(413, 'payload_too_large', `The request body is over ${maxBytes} bytes.`)
    }
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
