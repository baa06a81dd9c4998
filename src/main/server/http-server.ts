import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { apiErrorStatus } from '../../shared/api-error'
import type { Coordinator } from '../coordinator/coordinator'
import { handleApiCall } from '../coordinator/handle-api-call'
import { EventStreams } from './event-stream'
import { buildHttpRoutes, matchRoute, type HttpRoute } from './http-routes'
import {
  readJsonBody,
  refuse,
  refuseForeignHost,
  refuseUnlessReading,
  type HttpRefusal
} from './request-guards'
import { serveStaticFile } from './static-files'

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

/** A listening server, from {@link startHttpServer}. */
export interface RunningHttpServer {
  /** Its origin, e.g. `http://127.0.0.1:8000`. */
  url: string
  /** Ends the event streams and every connection, then stops listening. */
  close(): Promise<void>
}

/**
 * The headless coordinator's HTTP face: the control API derived from the contract, Server-Sent
 * Events at `/api/events`, and the built UI. Compatible with the original FastAPI worker API.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1'
  const api = new ApiDispatch(options.coordinator, options.maxBodyBytes ?? 20 * 1024 * 1024)
  const eventStreams = new EventStreams(options.coordinator)

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const foreign = refuseForeignHost(request, host)
    if (foreign) return sendRefusal(response, foreign)
    const url = new URL(request.url ?? '/', 'http://localhost')
    if (url.pathname === '/api/events') return eventStreams.serve(request, response)
    if (url.pathname.startsWith('/api/')) return api.handle(request, response, url)
    const refusal =
      refuseUnlessReading(request) ?? serveStaticFile(options.staticDir, url.pathname, response)
    if (refusal) sendRefusal(response, refusal)
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
      if (!read.ok) return sendRefusal(response, read.refusal)
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

function sendRefusal(response: ServerResponse, refusal: HttpRefusal): void {
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
