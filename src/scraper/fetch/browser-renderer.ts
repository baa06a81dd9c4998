import type { BrowserContext, Page } from 'playwright'
import type { BrowserLease, BrowserProvider } from './browser-provider'
import { USER_AGENT } from './user-agent'
import type { Resolver } from './network-guard'
import { createBrowserRequestGuard } from './browser-request-guard'
import { startGuardProxy, type GuardProxy } from './guard-proxy'
import { JsonResponseLog, type JsonResponse } from './json-responses'
import { createPagePool } from './page-pool'
import { waitForProductOrQuiet } from './product-wait'
import { maxResponseBytes, watchResponseSizes, type ResponseSizeWatch } from './response-size-cap'

/** Options of `createBrowserRenderer`. */
export interface BrowserRendererOptions {
  provider: BrowserProvider
  /** Per-page budget for navigation and scripts, in ms. Default: 20 000. */
  timeoutMs?: number
  /**
   * How long the network must stay idle after `load` for a page that shows no product (a home or
   * category page whose links scripts build), in ms. Default: 200.
   */
  quietMs?: number
  /**
   * Longest wait, once the document is parsed, for product markup (JSON-LD Product, microdata, a
   * title with a price) or that idle network, in ms. Default: 5 000.
   */
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
  /**
   * Largest response a page may load, HTTP or HTTPS, declared or received: a page with a bigger
   * one is refused (`too-large`). Default: {@link maxResponseBytes} (10 MB).
   */
  maxResponseBytes?: number
  /** Tabs open at once; more renders wait their turn. Default: 4. */
  maxOpenPages?: number
  /**
   * Pages rendered before the context (its renderer processes and their memory) is thrown away
   * for a fresh one, at the next moment no page is open. Default: 200.
   */
  recycleAfterPages?: number
  /**
   * Asked after each page; true recycles the context as soon as no page is open (a memory
   * budget, see `browserOverMemoryBudget`). Default: never.
   */
  shouldRecycle?: () => boolean
  /** Told of each tab opened (tests count them). Default: nothing. */
  onPageCreated?: (page: Page) => void
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
  /** The JSON its scripts fetched (the page's data, perhaps). */
  jsonResponses: JsonResponse[]
}

/** A page the browser could not render, with the reason in words. */
export interface RenderFailure {
  kind: 'failure'
  /** `too-large`: one of the page's responses went over `maxResponseBytes`. */
  reason: 'timeout' | 'aborted' | 'browser' | 'too-large'
  message: string
}

/** Renders pages in one shared browser context, reusing tabs between pages. */
export interface BrowserRenderer {
  render(url: string, signal?: AbortSignal): Promise<RenderedPage | RenderFailure>
  /** Tabs opened so far: far fewer than pages rendered, since tabs are reused. */
  readonly pagesCreated: number
  /** Closes the context (not the browser, which the provider owns). */
  close(): Promise<void>
}

/** Whether the signal is aborted now (a function, so TypeScript does not narrow it for good). */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

const stopped: RenderFailure = { kind: 'failure', reason: 'aborted', message: 'stopped' }

/** A page refused because one of its responses went over the size cap. */
function tooLarge(message: string): RenderFailure {
  return { kind: 'failure', reason: 'too-large', message }
}

/** A failed `goto` or wait, in words. */
function renderFailure(error: unknown, timeoutMs: number): RenderFailure {
  const message = (error as Error).message.split('\n')[0] ?? String(error)
  const timedOut = (error as Error).name === 'TimeoutError'
  return {
    kind: 'failure',
    reason: timedOut ? 'timeout' : 'browser',
    message: timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s in the browser` : message
  }
}

/** The provider's lease on its browser, or its browser unleased when it lends none (a stand-in). */
async function leaseFrom(provider: BrowserProvider): Promise<BrowserLease> {
  if (provider.lease != null) return provider.lease()
  return { browser: await provider.get(), release: () => undefined }
}

/**
 * Counts each page's requests in flight, for the quiet-network wait of pages without products,
 * and notes the URLs a page requests while it is in `rendering` (see `refuseCut`).
 */
function trackRequests(
  inFlight: WeakMap<Page, number>,
  rendering: ReadonlyMap<Page, Set<string>>,
  page: Page
): void {
  inFlight.set(page, 0)
  const change = (delta: number) => (): void => {
    inFlight.set(page, Math.max(0, (inFlight.get(page) ?? 0) + delta))
  }
  const counted = change(1)
  page.on('request', (request) => {
    counted()
    rendering.get(page)?.add(request.url())
  })
  page.on('requestfinished', change(-1))
  page.on('requestfailed', change(-1))
}

/** Run in every frame before the page's scripts: `Worker` and `SharedWorker` are gone. */
function withoutWebWorkers(): void {
  for (const name of ['Worker', 'SharedWorker']) {
    Object.defineProperty(globalThis, name, { value: undefined, configurable: false })
  }
}

/**
 * A browser context whose every connection goes through the guard proxy (started on first use and
 * kept in `proxy`): Playwright's routing never sees redirect hops, the proxy opens each connection
 * itself.
 */
async function openGuardedContext(
  options: BrowserRendererOptions,
  trusted: Set<string>,
  proxy: { current: GuardProxy | null },
  maxBytes: number,
  onCut: (url: string) => void
): Promise<BrowserContext> {
  const browser = await options.provider.get()
  proxy.current ??= await startGuardProxy({
    trustedOrigins: trusted,
    resolver: options.resolver,
    onRefused: options.onRefused,
    maxResponseBytes: maxBytes,
    onCut
  })
  const context = await browser.newContext({
    userAgent: USER_AGENT,
    serviceWorkers: 'block',
    acceptDownloads: false,
    // '<-loopback>': Chromium would otherwise connect to loopback directly, unguarded.
    proxy: { server: proxy.current.url, bypass: '<-loopback>' }
  })
  // A page's Web Workers load outside the tab's own network view, so the size cap could not count
  // what they fetch: scraped pages get none (service workers are blocked above).
  await context.addInitScript(withoutWebWorkers)
  await context.route(
    '**/*',
    createBrowserRequestGuard({
      trusted,
      allowRequest: options.allowRequest,
      onRefused: options.onRefused,
      resolver: options.resolver
    })
  )
  return context
}

/**
 * Renders pages with JavaScript in Chromium. The browser comes from the provider on first use; one
 * context serves the whole crawl (one cookie jar, like a visitor), and tabs are kept for the next
 * page rather than opened and closed each time (see {@link createPagePool}). Images, fonts, media,
 * stylesheets and downloads are never fetched; pages may only GET or HEAD; every connection goes
 * through the guard proxy (restricted addresses only for the trusted origin, plain-HTTP responses
 * cut at the cap); a page any of whose responses, HTTPS included, goes over the cap is refused
 * (see {@link watchResponseSizes}). Each page holds a lease on the browser, so the provider
 * recycles its process only between pages. A page is read as soon as its product markup is there,
 * not when its network is idle.
 */
export function createBrowserRenderer(options: BrowserRendererOptions): BrowserRenderer {
  const timeoutMs = options.timeoutMs ?? 20_000
  const maxBytes = options.maxResponseBytes ?? maxResponseBytes
  const inFlight = new WeakMap<Page, number>()
  const sizeWatches = new WeakMap<Page, Promise<ResponseSizeWatch>>()
  const jsonLog = new JsonResponseLog()
  const proxy: { current: GuardProxy | null } = { current: null }
  const trusted = new Set<string>()
  if (options.trustedOrigin != null) trusted.add(new URL(options.trustedOrigin).origin)
  /** The URLs each tab has requested in the render under way; a tab between renders is absent. */
  const rendering = new Map<Page, Set<string>>()
  // A plain-HTTP response the proxy cut: the tab that asked for it is refused even if the cut
  // reached Chromium before the bytes over the cap did (then its own count never goes over).
  const refuseCut = (url: string): void => {
    for (const [page, urls] of rendering) {
      if (!urls.has(url)) continue
      // A tab whose watch could not start is refused by the render itself.
      void sizeWatches
        .get(page)
        ?.then((watch) => watch.refuse(url))
        .catch(() => undefined)
    }
  }

  const pool = createPagePool({
    openContext: () => openGuardedContext(options, trusted, proxy, maxBytes, refuseCut),
    maxOpenPages: options.maxOpenPages,
    recycleAfterPages: options.recycleAfterPages,
    shouldRecycle: options.shouldRecycle,
    onPageCreated: (page) => {
      trackRequests(inFlight, rendering, page)
      jsonLog.watch(page)
      // Over the cap, the tab is closed: its loads stop at once and the render fails (too-large).
      const watch = watchResponseSizes(page, {
        maxBytes,
        onOver: () => void page.close().catch(() => undefined)
      })
      watch.catch(() => undefined) // The tab closed first: its render reports that.
      sizeWatches.set(page, watch)
      options.onPageCreated?.(page)
    }
  })

  /** Loads `url` in a borrowed tab and serialises it once its product is there; never throws. */
  const renderIn = async (
    page: Page,
    url: string,
    signal: AbortSignal | undefined
  ): Promise<RenderedPage | RenderFailure> => {
    // Closing the tab is the one way to interrupt goto() at once when the user stops.
    const onAbort = (): void => void page.close().catch(() => undefined)
    signal?.addEventListener('abort', onAbort, { once: true })
    let healthy = false
    let watch: ResponseSizeWatch | undefined
    jsonLog.reset(page)
    rendering.set(page, new Set())
    try {
      watch = await sizeWatches.get(page)
      watch?.reset()
      const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs })
      await waitForProductOrQuiet(page, {
        capMs: options.settleTimeoutMs ?? 5_000,
        quietMs: options.quietMs ?? 200,
        inFlight: () => inFlight.get(page) ?? 0
      })
      const html = await page.content()
      if (watch?.overLimit != null) return tooLarge(watch.overLimit)
      healthy = true
      return {
        kind: 'rendered',
        url: page.url(),
        status: response?.status() ?? null,
        statusText: response?.statusText() ?? '',
        html,
        jsonResponses: await jsonLog.collected(page)
      }
    } catch (error) {
      if (isAborted(signal)) return stopped
      return watch?.overLimit != null ? tooLarge(watch.overLimit) : renderFailure(error, timeoutMs)
    } finally {
      rendering.delete(page)
      signal?.removeEventListener('abort', onAbort)
      pool.giveBack(page, healthy && !isAborted(signal))
    }
  }

  return {
    async render(url: string, signal?: AbortSignal): Promise<RenderedPage | RenderFailure> {
      if (isAborted(signal)) return stopped
      if (options.trustedOrigin == null) trusted.add(new URL(url).origin)
      let lease: BrowserLease | null = null
      try {
        // Held for the whole page: the provider recycles the browser only between pages.
        lease = await leaseFrom(options.provider)
        const page = await pool.borrow()
        return await renderIn(page, url, signal)
      } catch (error) {
        return { kind: 'failure', reason: 'browser', message: (error as Error).message }
      } finally {
        lease?.release()
      }
    },
    get pagesCreated(): number {
      return pool.pagesCreated
    },
    async close(): Promise<void> {
      await pool.close()
      await proxy.current?.close()
      proxy.current = null
    }
  }
}
