import {
  apiEventNames,
  listApiMethods,
  type Api,
  type ApiEvents,
  type MethodSpec
} from '../../../shared/api-contract'
import { ApiError, apiErrorCodes, type ApiErrorCode } from '../../../shared/api-error'
import { fillPath, pathParamNames } from '../../../shared/url-path'

/** The part of `EventSource` the client uses, so tests under Node can pass an implementation. */
export interface EventSourceLike {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onerror: ((event: Event) => void) | null
  addEventListener(type: string, listener: (event: MessageEvent) => void): void
  close(): void
}

/** Options of {@link createHttpApi}. */
export interface HttpApiOptions {
  /** Origin (and path prefix) of the headless server. Default: the page's own origin. */
  baseUrl?: string
  /** Default: the global `fetch`. */
  fetch?: typeof fetch
  /** Default: the global `EventSource`. */
  EventSource?: new (url: string) => EventSourceLike
  /** Wait before reopening the event stream after the server closed it. Default: 2000 ms. */
  reconnectDelayMs?: number
}

/** One HTTP request of a contract method. */
export interface HttpRequestPlan {
  method: string
  /** Path with parameters substituted, plus the query string of a GET. */
  url: string
  /** JSON body of every method but GET. */
  body: string | undefined
}

/**
 * Maps a contract method and its request to an HTTP request: `:name` path parameters are taken
 * from the request, the rest goes into the query string (GET) or a JSON body (others).
 */
export function planHttpRequest(
  spec: MethodSpec,
  request: Record<string, unknown>
): HttpRequestPlan {
  const path = fillPath(spec.http.path, request)
  const rest: Record<string, unknown> = { ...request }
  for (const name of pathParamNames(spec.http.path)) delete rest[name]
  if (spec.http.method === 'GET') {
    const query = new URLSearchParams()
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined || value === null) continue
      query.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value))
    }
    const search = query.toString()
    return { method: 'GET', url: search ? `${path}?${search}` : path, body: undefined }
  }
  return { method: spec.http.method, url: path, body: JSON.stringify(rest) }
}

/**
 * The {@link Api} over the headless server's HTTP routes and its Server-Sent Events, for the UI
 * opened in a browser. Derived from the contract like the IPC bridge: every method is there.
 */
export function createHttpApi(options: HttpApiOptions = {}): Api {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '')
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const domains: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}

  for (const [domain, name, spec] of listApiMethods()) {
    const methods = (domains[domain] ??= {})
    methods[name] = async (request?: unknown): Promise<unknown> => {
      const plan = planHttpRequest(spec, (request ?? {}) as Record<string, unknown>)
      let response: Response
      try {
        response = await doFetch(`${baseUrl}${plan.url}`, {
          method: plan.method,
          // Every write says JSON, even without a body: the server refuses any other write,
          // since a cross-site form or text/plain post could not send it without a preflight.
          headers: plan.method === 'GET' ? {} : { 'content-type': 'application/json' },
          body: plan.body
        })
      } catch {
        throw new ApiError(
          'unavailable',
          'Cannot reach the Brand Scraper server. Check that it is still running ' +
            '(npm run cli -- serve), then try again.'
        )
      }
      return readResponse(response)
    }
  }

  const events = new EventStream(`${baseUrl}/api/events`, options)
  return { ...domains, on: events.on } as unknown as Api
}

async function readResponse(response: Response): Promise<unknown> {
  const text = await response.text()
  let body: unknown = undefined
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (response.ok) return body
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  const code = (apiErrorCodes as readonly unknown[]).includes(error?.code)
    ? (error!.code as ApiErrorCode)
    : response.status === 404
      ? 'not_found'
      : 'internal'
  const message =
    typeof error?.message === 'string'
      ? error.message
      : `The server answered ${response.status} ${response.statusText}.`
  throw new ApiError(code, message)
}

type AnyListener = (payload: unknown) => void

/**
 * One EventSource shared by every subscriber, opened with the first and closed with the last.
 * The browser reconnects by itself after a dropped connection; when the server ends the stream
 * for good (EventSource closed), it is reopened after a delay.
 */
class EventStream {
  private source: EventSourceLike | null = null
  private readonly listeners = new Map<keyof ApiEvents, Set<AnyListener>>()
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly url: string,
    private readonly options: HttpApiOptions
  ) {}

  readonly on = <E extends keyof ApiEvents>(
    event: E,
    listener: (payload: ApiEvents[E]) => void
  ): (() => void) => {
    if (!(apiEventNames as readonly string[]).includes(event)) {
      throw new Error(`Unknown event "${String(event)}"`)
    }
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    const wrapped = listener as AnyListener
    set.add(wrapped)
    this.open()
    return () => {
      set.delete(wrapped)
      if (this.listenerCount() === 0) this.close()
    }
  }

  private listenerCount(): number {
    let count = 0
    for (const set of this.listeners.values()) count += set.size
    return count
  }

  private open(): void {
    if (this.source || this.reconnectTimer) return
    const Source =
      this.options.EventSource ??
      (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource
    if (!Source) return
    const source = new Source(this.url)
    this.source = source
    for (const event of apiEventNames) {
      source.addEventListener(event, (message: MessageEvent) => {
        let payload: unknown
        try {
          payload = JSON.parse(String(message.data))
        } catch {
          return
        }
        for (const listener of this.listeners.get(event) ?? []) listener(payload)
      })
    }
    source.onerror = () => {
      // readyState 2 (CLOSED): the browser gave up; anything else, it is already retrying.
      if (source.readyState !== 2) return
      source.close()
      this.source = null
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null
        if (this.listenerCount() > 0) this.open()
      }, this.options.reconnectDelayMs ?? 2000)
    }
  }

  private close(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    this.source?.close()
    this.source = null
  }
}
