import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  fixtureSiteKinds,
  type FixtureKindOptions,
  type FixtureSiteKind
} from './fixture-site-kinds'

/** What a fixture route answers. */
export interface FixtureResponse {
  /** Default: 200. */
  status?: number
  /** Extra headers; `content-type` here wins over `contentType`. */
  headers?: Record<string, string>
  /**
   * Default: empty. In a string body, `{{origin}}` becomes the site's origin
   * (`http://127.0.0.1:PORT`), so sitemaps and links can be absolute.
   */
  body?: string | Buffer
  /** Default: guessed from the path (`.xml`, `.txt`, `.json`, `.js`, `.gz`), else HTML in UTF-8. */
  contentType?: string
  /** Wait this long before answering, in ms. Default: 0. */
  delayMs?: number
  /** Send the body in chunks without a Content-Length (streamed). Default: false. */
  chunked?: boolean
  /** Never answer (for timeouts and stop tests); the socket is closed by `close()`. */
  hang?: boolean
  /**
   * Drip-feed: send the headers at once, then the body one byte every `dripMs` ms, until it is
   * sent or the client goes. Default: off.
   */
  dripMs?: number
}

/** A request as a route handler sees it. */
export interface FixtureRequest {
  /** Path and query, as requested. */
  path: string
  pathname: string
  query: URLSearchParams
  /** `http://127.0.0.1:PORT`. */
  origin: string
  /** How many times this exact path (with query) has been requested, this one included. */
  count: number
  headers: IncomingHttpHeaders
}

/** A route: a response, an HTML string (200), or a function of the request returning either. */
export type FixtureRoute =
  | FixtureResponse
  | string
  | ((request: FixtureRequest) => FixtureResponse | string | Promise<FixtureResponse | string>)

/**
 * Routes by path. A key with a query (`/shop?page=2`) matches only that query; a key without one
 * matches the path with any query. A key ending in `*` matches every path with that prefix.
 */
export type FixtureRoutes = Record<string, FixtureRoute>

/** One request received, in order. */
export interface FixtureRequestRecord {
  path: string
  /** `Date.now()` when it arrived. */
  time: number
  userAgent: string | undefined
}

/** Options of `startFixtureSite`. */
export interface FixtureSiteOptions extends FixtureKindOptions {
  /** Answer for paths no route matches. Default: 404 with a small HTML page. */
  notFound?: FixtureRoute
}

/** A fixture site being served. */
export interface FixtureSite {
  /** The home page, `http://127.0.0.1:PORT/`. */
  url: string
  /** `http://127.0.0.1:PORT`. */
  origin: string
  /** Every path (with query) requested, in order: assert what was and was never requested. */
  requests: string[]
  /** The same requests with their time and User-Agent. */
  requestLog: FixtureRequestRecord[]
  /** How many times `path` (with query) was requested. */
  countOf(path: string): number
  /** Stops the server, dropping open connections (hanging requests included). */
  close(): Promise<void>
}

function guessContentType(pathname: string): string {
  if (pathname.endsWith('.xml')) return 'application/xml; charset=utf-8'
  if (pathname.endsWith('.gz')) return 'application/gzip'
  if (pathname.endsWith('.txt')) return 'text/plain; charset=utf-8'
  if (pathname.endsWith('.json')) return 'application/json; charset=utf-8'
  if (pathname.endsWith('.js')) return 'text/javascript; charset=utf-8'
  return 'text/html; charset=utf-8'
}

function findRoute(
  routes: FixtureRoutes,
  path: string,
  pathname: string
): FixtureRoute | undefined {
  if (Object.hasOwn(routes, path)) return routes[path]
  if (Object.hasOwn(routes, pathname)) return routes[pathname]
  let best: string | undefined
  for (const key of Object.keys(routes)) {
    if (key.endsWith('*') && path.startsWith(key.slice(0, -1))) {
      if (best == null || key.length > best.length) best = key
    }
  }
  return best == null ? undefined : routes[best]
}

const notFoundPage: FixtureResponse = {
  status: 404,
  body: '<!doctype html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>'
}

async function send(res: ServerResponse, answer: FixtureResponse, origin: string): Promise<void> {
  if (answer.delayMs != null && answer.delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
  }
  if (answer.hang === true) return
  const body =
    typeof answer.body === 'string'
      ? Buffer.from(answer.body.replaceAll('{{origin}}', origin), 'utf8')
      : (answer.body ?? Buffer.alloc(0))
  const headers: Record<string, string> = { ...answer.headers }
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
  if (!hasType && answer.contentType !== '') {
    headers['content-type'] = answer.contentType ?? 'text/html; charset=utf-8'
  }
  if (answer.dripMs != null) {
    res.writeHead(answer.status ?? 200, headers)
    for (let offset = 0; offset < body.length && !res.destroyed; offset++) {
      res.write(body.subarray(offset, offset + 1))
      await new Promise((resolve) => setTimeout(resolve, answer.dripMs))
    }
    res.end()
    return
  }
  if (answer.chunked === true) {
    res.writeHead(answer.status ?? 200, headers)
    const chunk = 64 * 1024
    for (let offset = 0; offset < body.length; offset += chunk) {
      if (!res.write(body.subarray(offset, offset + chunk))) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            res.off('drain', done)
            res.off('close', done)
            resolve()
          }
          res.once('drain', done)
          res.once('close', done)
        })
        if (res.destroyed) return
      }
    }
    res.end()
    return
  }
  headers['content-length'] = String(body.length)
  res.writeHead(answer.status ?? 200, headers)
  res.end(body)
}

/**
 * Serves a fixture brand site on 127.0.0.1 with a free port, recording every request. Pass routes,
 * or the name of a ready-made site (see `fixtureSiteKinds`) with its options:
 *
 * ```ts
 * const site = await startFixtureSite('sitemap-index', { products: 12 })
 * // ... crawl site.url ...
 * expect(site.requests).not.toContain('/private/secret')
 * await site.close()
 * ```
 */
export async function startFixtureSite(
  routesOrKind: FixtureRoutes | FixtureSiteKind,
  options: FixtureSiteOptions = {}
): Promise<FixtureSite> {
  const routes =
    typeof routesOrKind === 'string' ? fixtureSiteKinds[routesOrKind](options) : routesOrKind
  const requests: string[] = []
  const requestLog: FixtureRequestRecord[] = []
  const counts = new Map<string, number>()
  let origin = ''
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    requests.push(path)
    requestLog.push({ path, time: Date.now(), userAgent: req.headers['user-agent'] })
    const count = (counts.get(path) ?? 0) + 1
    counts.set(path, count)
    const parsed = new URL(path, origin)
    const route = findRoute(routes, path, parsed.pathname) ?? options.notFound ?? notFoundPage
    const request: FixtureRequest = {
      path,
      pathname: parsed.pathname,
      query: parsed.searchParams,
      origin,
      count,
      headers: req.headers
    }
    void (async () => {
      try {
        const answer = typeof route === 'function' ? await route(request) : route
        const response: FixtureResponse =
          typeof answer === 'string' ? { body: answer } : { ...answer }
        if (response.contentType == null && typeof answer !== 'string') {
          response.contentType = guessContentType(parsed.pathname)
        }
        await send(res, response, origin)
      } catch (error) {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(`fixture route failed: ${(error as Error).message}`)
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/`,
    origin,
    requests,
    requestLog,
    countOf: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
