import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import type { ConnectionPool } from './connection-pool'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { Readable } from 'node:stream'

/**
 * Sends one GET and resolves with the response head; the body is left to read. With `connections`
 * it goes over a kept-alive connection of the crawl; without, over a fresh one closed after it.
 */
export function requestOnce(
  url: URL,
  headers: Record<string, string>,
  lookup: LookupFunction,
  signal: AbortSignal,
  connections?: ConnectionPool
): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  // Node would still send a request whose signal is already aborted when a kept-alive socket is
  // free: refuse it here, so nothing reaches a site after the user stopped.
  if (signal.aborted) return Promise.reject(new Error('aborted'))
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: 'GET',
        headers,
        lookup,
        signal,
        // A new connection is opened through `lookup`, so its address is the one the guard
        // checked; an abort destroys the request's socket, kept-alive or not.
        agent: connections?.agentFor(url.protocol) ?? false
      },
      resolve
    )
    request.on('error', reject)
    request.end()
  })
}

/** Whether the server answered with a compressed body we know how to inflate. */
function decoder(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase()
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(createGunzip())
  if (encoding === 'deflate') return response.pipe(createInflate())
  if (encoding === 'br') return response.pipe(createBrotliDecompress())
  return response
}

/**
 * The whole (inflated) body, or 'too-large' once it passes `maxBytes`: the cap counts what is
 * kept in memory, so a small compressed bomb cannot get past it. Rejects when the connection
 * breaks or `signal` aborts mid-body.
 */
export async function readResponseBody(
  response: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal
): Promise<Buffer | 'too-large'> {
  const stream = decoder(response)
  const onAbort = (): void => {
    const error = new Error('aborted')
    response.destroy(error)
    if (stream !== response) stream.destroy(error)
  }
  signal.addEventListener('abort', onAbort, { once: true })
  if (stream !== response) response.on('error', (error) => stream.destroy(error))
  const chunks: Buffer[] = []
  let total = 0
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer
      total += buffer.byteLength
      if (total > maxBytes) {
        response.destroy()
        return 'too-large'
      }
      chunks.push(buffer)
    }
    if (signal.aborted) throw new Error('aborted')
    return Buffer.concat(chunks, total)
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

/** A Node response's headers as a fetch `Headers` (what the rest of the crawler reads). */
export function toHeaders(response: IncomingMessage): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(response.headers)) {
    if (value == null) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}
