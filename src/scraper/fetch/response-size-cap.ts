import type { CDPSession, Page } from 'playwright'
import { formatBytes } from './format-bytes'

/**
 * Largest response a crawl accepts, over plain HTTP or in the browser, in bytes (10 MB): no
 * product page needs more, and a hostile site could otherwise fill the worker's memory.
 */
export const maxResponseBytes = 10 * 1024 * 1024

/** Options of {@link watchResponseSizes}. */
export interface ResponseSizeWatchOptions {
  /** Largest response of the page, declared or received, in bytes. */
  maxBytes: number
  /** Told once per page, with the reason in words, when one of its responses goes over. */
  onOver: (reason: string) => void
}

/** What {@link watchResponseSizes} saw of the tab's current page. */
export interface ResponseSizeWatch {
  /** Why the page went over the cap, in words; null while it has not. */
  readonly overLimit: string | null
  /** Forgets the verdict on the tab's previous page, before it loads the next. */
  reset(): void
  /** Marks the page over the cap for `url`, a response cut before the tab saw it all. */
  refuse(url: string): void
}

/** The events of the DevTools Network domain this watch reads (only the fields it uses). */
interface RequestSent {
  requestId: string
  request: { url: string }
}
interface ResponseSeen {
  requestId: string
  response: { url: string; headers: Record<string, string> }
}
interface DataSeen {
  requestId: string
  dataLength: number
  encodedDataLength: number
}
interface LoadingEnded {
  requestId: string
}

/** The Content-Length a response declares, or NaN (header names keep the server's case on HTTP/1). */
function declaredLength(headers: Record<string, string>): number {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-length') return Number(value)
  }
  return Number.NaN
}

/**
 * Caps every response a tab loads, HTTPS included (the guard proxy only sees plain HTTP; HTTPS
 * crosses it as an opaque tunnel): a DevTools session on the tab counts the bytes Chromium
 * receives per request, and the first response that declares or delivers more than `maxBytes`
 * calls `onOver` (the renderer then closes the tab, the one way to stop every load of the page).
 */
export async function watchResponseSizes(
  page: Page,
  options: ResponseSizeWatchOptions
): Promise<ResponseSizeWatch> {
  const session: CDPSession = await page.context().newCDPSession(page)
  const urls = new Map<string, string>()
  const received = new Map<string, [number, number]>()
  let overLimit: string | null = null
  const over = (url: string | undefined): void => {
    if (overLimit != null) return
    const limit = formatBytes(options.maxBytes)
    overLimit = `response over ${limit} — skipped${url == null ? '' : ` (${url})`}`
    options.onOver(overLimit)
  }
  const forget = (event: LoadingEnded): void => {
    urls.delete(event.requestId)
    received.delete(event.requestId)
  }
  session.on('Network.requestWillBeSent', (event: RequestSent) => {
    urls.set(event.requestId, event.request.url)
  })
  session.on('Network.responseReceived', (event: ResponseSeen) => {
    if (declaredLength(event.response.headers) > options.maxBytes) over(event.response.url)
  })
  session.on('Network.dataReceived', (event: DataSeen) => {
    // Decoded and on the wire, counted apart (Chromium may report them in separate events):
    // either over the cap is too much, as a small compressed body can inflate a lot.
    const [decoded, encoded] = received.get(event.requestId) ?? [0, 0]
    const totals: [number, number] = [decoded + event.dataLength, encoded + event.encodedDataLength]
    received.set(event.requestId, totals)
    if (Math.max(...totals) > options.maxBytes) over(urls.get(event.requestId))
  })
  session.on('Network.loadingFinished', forget)
  session.on('Network.loadingFailed', forget)
  // No buffer for response bodies in this session: it only counts, and Playwright's own session
  // already keeps what the crawl reads.
  await session.send('Network.enable', { maxTotalBufferSize: 0, maxResourceBufferSize: 0 })
  return {
    get overLimit(): string | null {
      return overLimit
    },
    reset(): void {
      overLimit = null
    },
    refuse: over
  }
}
