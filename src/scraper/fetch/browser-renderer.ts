import type { BrowserContext, Page } from 'playwright'
import type { BrowserProvider } from './browser-provider'
import { sleep } from '../../shared/sleep'
import { USER_AGENT } from './user-agent'
import type { Resolver } from './network-guard'
import { createBrowserRequestGuard } from './browser-request-guard'
import { startGuardProxy, type GuardProxy } from './guard-proxy'

/** Options of `createBrowserRenderer`. */
export interface BrowserRendererOptions {
  provider: BrowserProvider
  /** Per-page budget for navigation and scripts, in ms. Default: 20 000. */
  timeoutMs?: number
  /** How long the network must stay idle after `load` for scripts to be done, in ms. Default: 200. */
  quietMs?: number
  /** Longest wait for that idle network after `load`, in ms. Default: 5 000. */
  settleTimeoutMs?: number
  /**
   * Asked for every request the page makes; false aborts it (robots.txt, off-site navigations).
   * Default: everything allowed.
   */
  allowRequest?: (url: string, isNavigation: boolean) => boolean
  /**
   * The brand website's origin: the only one a page may reach on a loopback, private or other
   * restricted address. Default: the origins of the URLs given to `render` (the caller chose
   * them).
   */
  trustedOrigin?: string
  /** Told of each request refused by the network guard or for its method. Default: nothing. */
  onRefused?: (url: string, reason: string) => void
  /** Resolves host names for the guard. Default: the system resolver (tests inject one). */
  resolver?: Resolver
  /** Largest response a page may load over plain HTTP; a bigger one is cut. Default: 10 MB. */
  maxResponseBytes?: number
  /** Tabs open at once; more renders wait their turn. Default: 4. */
  maxOpenPages?: number
  /**
   * Pages rendered before the context (its renderer processes and their memory) is thrown away
   * for a fresh one, at the next moment no page is open. Default: 200.
   */
  recycleAfterPages?: number
}

/** A page rendered by the browser. */
export interface RenderedPage {
  kind: 'rendered'
  /** Final URL, after redirects. */
  url: string
  /** Status of the main document, or null when the browser did not report one. */
  status: number | null
  statusText: string
  /** The DOM after scripts ran, serialised. */
  html: string
}

/** A page the browser could not render, with the reason in words. */
export interface RenderFailure {
  kind: 'failure'
  reason: 'timeout' | 'aborted' | 'browser'
  message: string
}

/** Renders pages in one shared browser context, reusing tabs between pages. */
export interface BrowserRenderer {
  render(url: string, signal?: AbortSignal): Promise<RenderedPage | RenderFailure>
  /** Closes the context (not the browser, which the provider owns). */
  close(): Promise<void>
}

/** Whether the signal is aborted now (a function, so TypeScript does not narrow it for good). */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

/**
 * Renders pages with JavaScript in Chromium. The browser comes from the provider on first use; one
 * context serves the whole crawl (one cookie jar, like a visitor), and tabs are kept for the next
 * page rather than opened and closed each time. Images, fonts, media and downloads are never
 * fetched; pages may only GET or HEAD; every connection goes through the guard proxy (restricted
 * addresses only for the trusted origin, plain-HTTP responses capped); at most `maxOpenPages` tabs
 * are open, and the context is recycled every `recycleAfterPages` pages.
 */
export function createBrowserRenderer(options: BrowserRendererOptions): BrowserRenderer {
  const timeoutMs = options.timeoutMs ?? 20_000
  const quietMs = options.quietMs ?? 200
  const settleTimeoutMs = options.settleTimeoutMs ?? 5_000
  let contextPromise: Promise<BrowserContext> | null = null
  const idle: Page[] = []
  const inFlight = new WeakMap<Page, number>()
  let closed = false
  let proxy: GuardProxy | null = null
  const maxOpenPages = options.maxOpenPages ?? 4
  const recycleAfterPages = options.recycleAfterPages ?? 200
  let open = 0
  let renderedSinceRecycle = 0
  const waiting: (() => void)[] = []
  const acquire = async (): Promise<void> => {
    while (open >= maxOpenPages) await new Promise<void>((resolve) => waiting.push(resolve))
    open++
  }
  const release = (): void => {
    open--
    renderedSinceRecycle++
    if (renderedSinceRecycle >= recycleAfterPages && open === 0) {
      renderedSinceRecycle = 0
      idle.length = 0
      const stale = contextPromise
      contextPromise = null
      void stale?.then((context) => context.close()).catch(() => undefined)
    }
    waiting.shift()?.()
  }

  const trusted = new Set<string>()
  if (options.trustedOrigin != null) trusted.add(new URL(options.trustedOrigin).origin)

  const route = createBrowserRequestGuard({
    trusted,
    allowRequest: options.allowRequest,
    onRefused: options.onRefused,
    resolver: options.resolver
  })

  const getContext = (): Promise<BrowserContext> => {
    if (contextPromise == null) {
      contextPromise = (async () => {
        const browser = await options.provider.get()
        // Every connection of the pages goes through the guard proxy: Playwright's routing
        // never sees redirect hops, the proxy opens each connection itself.
        proxy ??= await startGuardProxy({
          trustedOrigins: trusted,
          resolver: options.resolver,
          onRefused: options.onRefused,
          maxResponseBytes: options.maxResponseBytes
        })
        const context = await browser.newContext({
          userAgent: USER_AGENT,
          serviceWorkers: 'block',
          acceptDownloads: false,
          // '<-loopback>': Chromium would otherwise connect to loopback directly, unguarded.
          proxy: { server: proxy.url, bypass: '<-loopback>' }
        })
        await context.route('**/*', route)
        return context
      })()
      contextPromise.catch(() => {
        contextPromise = null
      })
    }
    return contextPromise
  }

  const newPage = async (): Promise<Page> => {
    const page = await (await getContext()).newPage()
    inFlight.set(page, 0)
    const change = (delta: number) => () => inFlight.set(page, (inFlight.get(page) ?? 0) + delta)
    page.on('request', change(1))
    page.on('requestfinished', change(-1))
    page.on('requestfailed', change(-1))
    return page
  }

  // Scripts that fetch the product after `load` are done when the network has been quiet a while.
  const settle = async (page: Page): Promise<void> => {
    const deadline = Date.now() + settleTimeoutMs
    let quietSince = Date.now()
    while (Date.now() < deadline) {
      if ((inFlight.get(page) ?? 0) > 0) quietSince = Date.now()
      else if (Date.now() - quietSince >= quietMs) return
      await sleep(25)
    }
  }

  /** Renders one page in a tab of its own (reused afterwards); never throws. */
  const renderOne = async (
    url: string,
    signal: AbortSignal | undefined
  ): Promise<RenderedPage | RenderFailure> => {
    if (options.trustedOrigin == null) trusted.add(new URL(url).origin)
    let page: Page
    try {
      page = idle.pop() ?? (await newPage())
    } catch (error) {
      return { kind: 'failure', reason: 'browser', message: (error as Error).message }
    }
    // Closing the tab is the one way to interrupt goto() at once when the user stops.
    const onAbort = (): void => void page.close().catch(() => undefined)
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: timeoutMs })
      await settle(page)
      const html = await page.content()
      const result: RenderedPage = {
        kind: 'rendered',
        url: page.url(),
        status: response?.status() ?? null,
        statusText: response?.statusText() ?? '',
        html
      }
      if (!closed && !page.isClosed()) idle.push(page)
      return result
    } catch (error) {
      await page.close().catch(() => undefined)
      if (isAborted(signal)) return { kind: 'failure', reason: 'aborted', message: 'stopped' }
      const message = (error as Error).message.split('\n')[0] ?? String(error)
      const timedOut = (error as Error).name === 'TimeoutError'
      return {
        kind: 'failure',
        reason: timedOut ? 'timeout' : 'browser',
        message: timedOut
          ? `timed out after ${Math.round(timeoutMs / 1000)} s in the browser`
          : message
      }
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    async render(url: string, signal?: AbortSignal): Promise<RenderedPage | RenderFailure> {
      if (isAborted(signal)) return { kind: 'failure', reason: 'aborted', message: 'stopped' }
      await acquire()
      try {
        return await renderOne(url, signal)
      } finally {
        release()
      }
    },
    async close(): Promise<void> {
      closed = true
      idle.length = 0
      const pending = contextPromise
      contextPromise = null
      const context = await pending?.catch(() => null)
      await context?.close().catch(() => undefined)
      await proxy?.close()
      proxy = null
    }
  }
}
