import { httpGet, type HttpGetFailure, type HttpGetOptions, type HttpGetResponse } from './http-get'
import { parseRetryAfter } from './retry-after'
import type { LogLevel } from '../../shared/log-entry'
import { sleep } from '../../shared/sleep'
import type { PolitenessGate } from './politeness-gate'
import type { ConnectionPool } from './connection-pool'

/** Options of `createPoliteFetcher`. */
export interface PoliteFetcherOptions {
  gate: PolitenessGate
  signal: AbortSignal
  log: (level: LogLevel, message: string) => void
  /**
   * The brand website's origin, the only one allowed on a restricted (loopback, private...)
   * address; null allows none. Required so no crawl request goes unguarded by mistake.
   */
  trustedOrigin: string | null
  /** The crawl's kept-alive connections. Default: a fresh connection per request. */
  connections?: ConnectionPool
  /** Attempts per URL, the first included. Default: 3. */
  maxAttempts?: number
  /** Wait before the first retry, doubled for each next one, in ms. Default: 1 000. */
  backoffBaseMs?: number
  /** Longest wait a Retry-After header may impose, in ms. Default: 60 000. */
  maxRetryAfterMs?: number
}

/** What a GET ended with, after retries. */
export type PoliteResult = HttpGetResponse | HttpGetFailure

/** GETs through the site's gate, retrying what is worth retrying. */
export interface PoliteFetcher {
  get(url: string, options?: Omit<HttpGetOptions, 'signal'>): Promise<PoliteResult>
}

/**
 * Only these are worth asking again: the server is busy or broken for now, or slow to answer. A
 * page that timed out while being sent is drip-fed: asking again would cost the whole deadline
 * again.
 */
function retryable(result: PoliteResult): boolean {
  if (result.kind === 'failure') return result.reason === 'timeout' && result.answered !== true
  return result.status === 429 || result.status >= 500
}

/** "503 Service Unavailable", or the failure in words. */
export function describeResult(result: PoliteResult): string {
  if (result.kind === 'failure') return result.message
  return `${result.status} ${result.statusText}`.trim()
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`
}

/**
 * Creates the fetcher every request of a crawl goes through: paced by the gate, retried with
 * exponential backoff on 429, 5xx and timeouts only (a 404 will not change by asking again), and
 * honouring Retry-After, which also pauses the whole site since it speaks for the server.
 */
export function createPoliteFetcher(options: PoliteFetcherOptions): PoliteFetcher {
  const maxAttempts = options.maxAttempts ?? 3
  const backoffBaseMs = options.backoffBaseMs ?? 1_000
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000
  return {
    async get(url, getOptions = {}): Promise<PoliteResult> {
      for (let attempt = 1; ; attempt++) {
        const result = await options.gate.run(() =>
          httpGet(url, {
            ...getOptions,
            trustedOrigin: options.trustedOrigin,
            signal: options.signal,
            connections: options.connections
          })
        )
        if (!retryable(result) || attempt >= maxAttempts || options.signal.aborted) return result
        const retryAfter =
          result.kind === 'response'
            ? parseRetryAfter(result.headers.get('retry-after'), Date.now(), maxRetryAfterMs)
            : null
        const delayMs = retryAfter ?? backoffBaseMs * 2 ** (attempt - 1)
        if (retryAfter != null) options.gate.pause(retryAfter)
        options.log(
          'warn',
          `GET ${url} failed: ${describeResult(result)}, retrying in ${formatSeconds(delayMs)}` +
            (retryAfter != null ? ' (as its Retry-After asks)' : '') +
            ` (attempt ${attempt + 1} of ${maxAttempts})`
        )
        await sleep(delayMs, options.signal)
        if (options.signal.aborted) return result
      }
    }
  }
}
