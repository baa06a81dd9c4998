import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { checkUrlAddress, guardedLookup, type Resolver } from './network-guard'
import { formatBytes } from './format-bytes'
import { maxResponseBytes } from './response-size-cap'

/** Options of {@link startGuardProxy}. */
export interface GuardProxyOptions {
  /**
   * Origins allowed on a restricted address (the brand's website), read at each connection so
   * the caller may add to it; empty allows none.
   */
  trustedOrigins: ReadonlySet<string>
  /** Told of each connection refused, with the URL (or host:port for HTTPS) and why. */
  onRefused?: (url: string, reason: string) => void
  /** Resolves host names for the connections. Default: the system resolver. */
  resolver?: Resolver
  /**
   * Largest plain-HTTP response passed on, in bytes; a bigger one is cut (HTTPS is capped in the
   * browser, see `watchResponseSizes`). Default: {@link maxResponseBytes} (10 MB).
   */
  maxResponseBytes?: number
  /**
   * Told of each plain-HTTP response cut at the cap, with its URL (besides `onRefused`): the
   * renderer refuses the page that asked for it, whether or not the browser saw the bytes go
   * over before the cut. Default: none.
   */
  onCut?: (url: string) => void
}

/** A running guard proxy. */
export interface GuardProxy {
  /** `http://127.0.0.1:PORT`, for Chromium's proxy setting. */
  url: string
  close(): Promise<void>
}

const hopByHop = ['proxy-connection', 'proxy-authorization', 'connection', 'keep-alive']

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

/**
 * A forward proxy for the crawler's Chromium, so every connection a page makes (redirect hops
 * included, which Playwright's routing never sees) is opened here, through the network guard: on
 * the address actually connected to, with the brand's origin the only one allowed on a
 * restricted address. Plain HTTP is relayed request by request; HTTPS is tunnelled (CONNECT)
 * after the same check on host and port.
 */
export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  const maxBytes = options.maxResponseBytes ?? maxResponseBytes
  const sockets = new Set<Socket | Duplex>()
  // Kept-alive upstream connections, one pool per proxy (per crawl): each is opened through the
  // guarded lookup of its origin, whose verdict cannot change for a later request to that host.
  const upstreamAgent = new Agent({ keepAlive: true, scheduling: 'lifo' })
  /** The URL's origin when it is a trusted one, for the guard; else null. */
  const trustFor = (url: string): string | null => {
    try {
      const origin = new URL(url).origin
      return options.trustedOrigins.has(origin) ? origin : null
    } catch {
      return null
    }
  }
  const refused = (url: string, error: unknown): boolean => {
    if ((error as { code?: string }).code !== 'ERR_ADDRESS_REFUSED') return false
    options.onRefused?.(url, (error as Error).message)
    return true
  }

  const relay = (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? ''
    const literal = checkUrlAddress(url, trustFor(url))
    if (literal != null || !/^http:\/\//i.test(url)) {
      options.onRefused?.(url, literal ?? 'not an absolute http URL')
      response.writeHead(403).end()
      return
    }
    const headers = { ...request.headers }
    for (const name of hopByHop) delete headers[name]
    const upstream = httpRequest(
      url,
      {
        method: request.method,
        headers,
        agent: upstreamAgent,
        lookup: guardedLookup(url, trustFor(url), options.resolver)
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers)
        let total = 0
        answer.on('data', (chunk: Buffer) => {
          total += chunk.byteLength
          if (total > maxBytes) {
            options.onRefused?.(url, `response over the ${formatBytes(maxBytes)} limit, cut`)
            options.onCut?.(url)
            answer.destroy()
            // The chunk that crosses the cap is passed on before the cut, so the browser too sees
            // the response go over and refuses the page, as it does for HTTPS; the cut (no end)
            // keeps it from taking the truncated body for a whole one.
            response.write(chunk, () => response.destroy())
          } else if (!response.write(chunk)) {
            answer.pause()
            response.once('drain', () => answer.resume())
          }
        })
        answer.on('end', () => response.end())
        // The site hung up mid-body: the browser must see a cut, not an end.
        answer.on('close', () => {
          if (!answer.complete) response.destroy()
        })
      }
    )
    upstream.on('error', (error) => {
      const status = refused(url, error) ? 403 : 502
      if (!response.headersSent) response.writeHead(status).end()
      else response.destroy()
    })
    request.pipe(upstream)
  }

  const tunnel = (request: IncomingMessage, client: Duplex, head: Buffer): void => {
    const target = request.url ?? ''
    const { hostname, port } = new URL(`https://${target}`)
    const origin = `https://${target}`
    const literal = checkUrlAddress(origin, trustFor(origin))
    if (literal != null) {
      options.onRefused?.(origin, literal)
      refuse(client, '403 Forbidden')
      return
    }
    const upstream = connect({
      host: hostname.replace(/^\[|\]$/g, ''),
      port: Number(port || 443),
      lookup: guardedLookup(origin, trustFor(origin), options.resolver)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', (error) => {
      refused(origin, error)
      refuse(client, '502 Bad Gateway')
    })
    client.on('error', () => upstream.destroy())
  }

  const server = createServer(relay)
  server.on('connect', tunnel)
  // A page's WebSocket over plain HTTP: nothing a crawl needs.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    options.onRefused?.(request.url ?? '', 'WebSocket refused: a crawl does not need one')
    refuse(socket, '403 Forbidden')
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
        upstreamAgent.destroy()
      })
  }
}
