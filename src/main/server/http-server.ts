import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { apiErrorStatus } from '../../shared/api-error'
import type { Coordinator } from '../coordinator/coordinator'
import { handleApiCall } from '../coordinator/handle-api-call'
import { ApiDocs } from './api-docs'
import { EventStreams } from './event-stream'
import { buildHttpRoutes, matchRoute, type HttpRoute } from './http-routes'
import { allowedHostNames, isLoopbackHost } from './listen-address'
import {
  readJsonBody,
  refuse,
  refuseCrossSiteWrite,
  refuseForeignHost,
  refuseUnlessReading,
  type HttpRefusal
} from './request-guards'
import { serveStaticFile } from './static-files'
import { TokenGate } from './token-gate'

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  coordinator: Coordinator
  /**
   * Interface to listen on. Default: 127.0.0.1. Any address beyond loopback (`0.0.0.0`, `::`, a
   * LAN address) needs a {@link token}: the server refuses to start without one.
   */
  host?: string
  /**
   * The access token every request must carry (a header, or the cookie set by opening
   * `/?token=TOKEN`); see serve-token.ts. Default: none, allowed on loopback only.
   */
  token?: string
  /**
   * Host names the server answers to besides the loopback names and its listen address (every
   * other Host is refused, against DNS rebinding). Default: none.
   */
  allowedHosts?: string[]
  /** Default: 8000; 0 picks a free port. */
  port?: number
  /** The built renderer to serve at `/`. Default: none (API only). */
  staticDir?: string
  /** Largest request body accepted. Default: 20 MB (a brand list import). */
  maxBodyBytes?: number
}

/** A listening server, from {@link startHttpServer}. */
export interface RunningHttpServer {
  /** Its origin, e.g. `http://127.0.0.1:8000`. */
  url: string
  /** Ends the event streams and every connection, then stops listening. */
  close(): Promise<void>
}

/**
 * The headless coordinator's HTTP face: the control API derived from the contract, Server-Sent
 * Events at `/api/events`, the API's docs (`/docs`, `/openapi.json`) and the built UI. Compatible
 * with the original FastAPI worker API.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1'
  if (!options.token && !isLoopbackHost(host)) {
    throw new Error(`Listening on ${host} (beyond loopback) needs an access token.`)
  }
  const allowedHosts = allowedHostNames(host, options.allowedHosts)
  const api = new ApiDispatch(options.coordinator, options.maxBodyBytes ?? 20 * 1024 * 1024)
  const eventStreams = new EventStreams(options.coordinator)
  let gate: TokenGate | undefined
  const tokenGate = (): TokenGate | undefined => {
    const port = (server.address() as AddressInfo).port
    if (options.token) gate ??= new TokenGate(options.token, `brand_scraper_token_${port}`)
    return gate
  }
  let docs: ApiDocs | undefined
  const apiDocs = (): ApiDocs => (docs ??= new ApiDocs({ tokenCookie: tokenGate()?.cookieName }))

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Refused before the body is read: the connection is closed rather than drained.
    const early = refuseForeignHost(request, allowedHosts) ?? refuseCrossSiteWrite(request)
    if (early) return sendRefusal(response, early, true)
    const url = new URL(request.url ?? '/', 'http://localhost')
    const admission = tokenGate()?.check(request, response, url)
    if (admission?.kind === 'answered') return
    if (admission?.kind === 'refused') return sendRefusal(response, admission.refusal, true)
    if (url.pathname === '/api/events') {
      if (request.method === 'GET') return eventStreams.serve(request, response)
      response.setHeader('Allow', 'GET')
      const message = `${request.method} /api/events is not allowed; use GET.`
      return sendRefusal(response, refuse(405, 'method_not_allowed', message), true)
    }
    if (url.pathname.startsWith('/api/')) return api.handle(request, response, url)
    const refusal = refuseUnlessReading(request)
    if (refusal) return sendRefusal(response, refusal)
    if (apiDocs().serve(url.pathname, response)) return
    const missing = serveStaticFile(options.staticDir, url.pathname, response)
    if (missing) sendRefusal(response, missing)
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      sendRefusal(response, refuse(500, 'internal', `Something went wrong: ${message}`))
    })
  })
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
        eventStreams.closeAll()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
  }
}

/**
 * Routes `/api/*` requests to the contract's handlers: path parameters, the query string (GET) or
 * the JSON body (others) are merged into the one request object the contract validates.
 */
class ApiDispatch {
  private readonly routes: HttpRoute[] = buildHttpRoutes()

  constructor(
    private readonly coordinator: Coordinator,
    private readonly maxBodyBytes: number
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!isValidEncoding(url.pathname)) {
      const message = `The path ${url.pathname} is not valid URL encoding (a stray "%"?).`
      return sendRefusal(response, refuse(400, 'bad_request', message), true)
    }
    const found = matchRoute(this.routes, request.method ?? 'GET', url.pathname)
    if (!found.route) {
      if (!found.allowed.length) {
        return sendRefusal(
          response,
          refuse(404, 'not_found', `There is no API route ${url.pathname}.`)
        )
      }
      response.setHeader('Allow', found.allowed.join(', '))
      return sendRefusal(
        response,
        refuse(
          405,
          'method_not_allowed',
          `${request.method} ${url.pathname} is not allowed; use ${found.allowed.join(' or ')}.`
        )
      )
    }
    let input: Record<string, unknown>
    if (found.route.httpMethod === 'GET') {
      input = Object.fromEntries(url.searchParams)
    } else {
      const read = await readJsonBody(request, this.maxBodyBytes)
      if (!read.ok) return sendRefusal(response, read.refusal, true)
      input = read.body
    }
    const { domain, method } = found.route
    const result = await handleApiCall(this.coordinator.handlers, domain, method, {
      ...input,
      ...found.params
    })
    if (result.ok) sendJson(response, 200, result.value)
    else sendRefusal(response, { status: apiErrorStatus[result.error.code], error: result.error })
  }
}

function isValidEncoding(path: string): boolean {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

/**
 * Sends a refusal; `close` ends the connection after it, for a request whose body was not read
 * (a client announcing 25 MB gets its 413 at once, and the server does not wait for the rest).
 */
function sendRefusal(response: ServerResponse, refusal: HttpRefusal, close = false): void {
  if (close && !response.headersSent) response.setHeader('Connection', 'close')
  sendJson(response, refusal.status, { error: refusal.error })
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
