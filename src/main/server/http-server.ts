import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { apiEventNames, type ApiEvents } from '../../shared/api-contract'
import { apiErrorStatus } from '../../shared/api-error'
import type { Coordinator } from '../coordinator/coordinator'
import { handleApiCall } from '../coordinator/handle-api-call'
import { buildHttpRoutes, matchRoute } from './http-routes'

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  coordinator: Coordinator
  /** Interface to listen on. Default: 127.0.0.1 — the control API has no authentication. */
  host?: string
  /** Default: 8000; 0 picks a free port. */
  port?: number
  /** The built renderer to serve at `/`. Default: none (API only). */
  staticDir?: string
  /** Largest request body accepted. Default: 20 MB (a brand list import). */
  maxBodyBytes?: number
}

export interface RunningHttpServer {
  url: string
  close(): Promise<void>
}

/**
 * The same strict policy as the desktop window: only the app's own scripts and styles; product
 * images may come from the brands' sites.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https: http:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

/**
 * The headless coordinator's HTTP face: the control API derived from the contract, Server-Sent
 * Events at `/api/events`, and the built UI. Compatible with the original FastAPI worker API.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { coordinator } = options
  const host = options.host ?? '127.0.0.1'
  const maxBodyBytes = options.maxBodyBytes ?? 20 * 1024 * 1024
  const routes = buildHttpRoutes()
  const staticRoot = options.staticDir && resolve(options.staticDir)
  const eventStreams = new Set<ServerResponse>()

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      const known = error instanceof HttpError
      sendJson(response, known ? error.status : 500, {
        error: {
          code: known ? error.code : 'internal',
          message: known ? error.message : `Something went wrong: ${(error as Error).message}`
        }
      })
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    checkHost(request, host)
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/api/events') return openEventStream(request, response)
    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url)
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'method_not_allowed', `${request.method} is not allowed here.`)
    }
    return serveStatic(response, url.pathname)
  }

  async function handleApi(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL
  ): Promise<void> {
    const found = matchRoute(routes, request.method ?? 'GET', url.pathname)
    if (!found.route) {
      if (found.allowed.length) {
        response.setHeader('Allow', found.allowed.join(', '))
        throw new HttpError(
          405,
          'method_not_allowed',
          `${request.method} ${url.pathname} is not allowed; use ${found.allowed.join(' or ')}.`
        )
      }
      throw new HttpError(404, 'not_found', `There is no API route ${url.pathname}.`)
    }
    let input: Record<string, unknown>
    if (found.route.httpMethod === 'GET') {
      input = Object.fromEntries(url.searchParams)
    } else {
      input = await readJsonBody(request, maxBodyBytes)
    }
    const result = await handleApiCall(
      coordinator.handlers,
      found.route.domain,
      found.route.method,
      {
        ...input,
        ...found.params
      }
    )
    if (result.ok) sendJson(response, 200, result.value)
    else sendJson(response, apiErrorStatus[result.error.code], { error: result.error })
  }

  function openEventStream(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    const send = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    }
    response.write('retry: 2000\n\n')
    send('status', coordinator.status)
    const unsubscribe = coordinator.subscribe((event, payload) => {
      if ((apiEventNames as readonly string[]).includes(event)) send(event, payload)
    })
    // Proxies drop quiet connections; a comment line every 15 s keeps it open.
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 15_000)
    eventStreams.add(response)
    request.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      eventStreams.delete(response)
    })
  }

  function serveStatic(response: ServerResponse, pathname: string): void {
    if (!staticRoot || !existsSync(join(staticRoot, 'index.html'))) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      response.end(
        'The UI is not built. Run `npx electron-vite build` once, then restart `serve`; ' +
          'the API is under /api/.\n'
      )
      return
    }
    let relative: string
    try {
      relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
    } catch {
      throw new HttpError(400, 'bad_request', 'The path is not valid URL encoding.')
    }
    let file = resolve(staticRoot, relative)
    // A path that climbs out of the UI folder is refused, whatever its encoding.
    if (file !== staticRoot && !file.startsWith(staticRoot + sep)) {
      throw new HttpError(404, 'not_found', 'Not found.')
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html')
    response.writeHead(200, {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600'
    })
    createReadStream(file).pipe(response)
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8000, host, () => resolveListen())
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of eventStreams) stream.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
  }
}

/**
 * Refuses requests whose Host header is not this server: a web page the user visits could
 * otherwise reach the unauthenticated API through DNS rebinding.
 */
function checkHost(request: IncomingMessage, listenHost: string): void {
  const header = request.headers.host
  if (!header) throw new HttpError(400, 'bad_request', 'The request has no Host header.')
  const hostname = header
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
  const local = ['127.0.0.1', 'localhost', '::1']
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::'
  if (!wildcard && !local.includes(hostname) && hostname !== listenHost.toLowerCase()) {
    throw new HttpError(403, 'forbidden', `Requests for host ${hostname} are not served here.`)
  }
}

async function readJsonBody(
  request: IncomingMessage,
  maxBytes: number
): Promise<Record<string, unknown>> {
  const type = request.headers['content-type'] ?? ''
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      throw new HttpError(413, 'payload_too_large', `The request body is over ${maxBytes} bytes.`)
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8').trim()
  if (!text) return {}
  // Only JSON is accepted: a cross-site HTML form cannot send it without a CORS preflight.
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Send the request body as JSON with the header Content-Type: application/json.'
    )
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    throw new HttpError(
      400,
      'bad_request',
      `The request body is not valid JSON: ${(error as Error).message}`
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'The request body must be a JSON object.')
  }
  return body as Record<string, unknown>
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.end()
    return
  }
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff'
  })
  response.end(JSON.stringify(body))
}
