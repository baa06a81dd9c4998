import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'

/** Options of {@link createConnectionPool}. */
export interface ConnectionPoolOptions {
  /** Connections kept open per host (the site's concurrency is enough). Default: 8. */
  maxSocketsPerHost?: number
}

/**
 * The kept-alive connections of one crawl, over HTTP and HTTPS: a page after the first costs no
 * TCP or TLS handshake. Each connection is opened through the request's `lookup` (the network
 * guard), so the address it connects to is the one the guard checked; one crawl has one trusted
 * origin, so a connection kept for a host is only ever reused for that same host and verdict.
 */
export interface ConnectionPool {
  /** The agent for a URL of this protocol (`http:` or `https:`). */
  agentFor(protocol: string): HttpAgent
  /** Closes every connection, idle or in use: the crawl ended or was stopped. */
  destroy(): void
}

/** Creates the connection pool of one crawl; destroy it when the crawl ends. */
export function createConnectionPool(options: ConnectionPoolOptions = {}): ConnectionPool {
  const settings = {
    keepAlive: true,
    maxSockets: options.maxSocketsPerHost ?? 8,
    // Reuse the most recent connection: the one least likely to have been closed by the server.
    scheduling: 'lifo' as const
  }
  const http = new HttpAgent(settings)
  const https = new HttpsAgent(settings)
  return {
    agentFor: (protocol) => (protocol === 'https:' ? https : http),
    destroy(): void {
      http.destroy()
      https.destroy()
    }
  }
}
