import type { BrowserContext, Page, Request, Route } from 'playwright'
import type { BrowserProvider } from './browser-provider'
import { sleep } from '../../shared/sleep'
import { USER_AGENT } from './user-agent'

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

/** Resource types a crawler never needs: they only cost bandwidth and time. */
const blockedResourceTypes = new Set(['image', 'font', 'media'])

/**
 * Renders pages with JavaScript in Chromium. The browser comes from the provider on first use; one
 * context serves the whole crawl (one cookie jar, like a visitor), and tabs are kept for the next
 * page rather than opened and closed each time. Images, fonts and media are never downloaded.
 */
export function createBrowserRenderer(options: BrowserRendererOptions): BrowserRenderer {
  const timeoutMs = options.timeoutMs ?? 20_000
  const quietMs = options.quietMs ?? 200
  const settleTimeoutMs = options.settleTimeoutMs ?? 5_000
  let contextPromise: Promise<BrowserContext> | null = null
  const idle: Page[] = []
  const inFlight = new WeakMap<Page, number>()
  let closed = false

  const route = async (route: Route, request: Request): Promise<void> => {
    const allowed =
      !blockedResourceTypes.has(request.resourceType()) &&
      (options.allowRequest?.(request.url(), request.isNavigationRequest()) ?? true)
    // Both calls throw once the page is gone; the page closing mid-request is no error of ours.
    await (allowed ? route.continue() : route.abort('blockedbyclient')).catch(() => undefined)
  }

  const getContext = (): Promise<BrowserContext> => {
    if (contextPromise == null) {
      contextPromise = (async () => {
        const browser = await options.provider.get()
        const context = await browser.newContext({ userAgent: USER_AGENT, serviceWorkers: 'block' })
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

  return {
    async render(url: string, signal?: AbortSignal): Promise<RenderedPage | RenderFailure> {
      if (isAborted(signal)) return { kind: 'failure', reason: 'aborted', message: 'stopped' }
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
    },
    async close(): Promise<void> {
      closed = true
      idle.length = 0
      const pending = contextPromise
      contextPromise = null
      const context = await pending?.catch(() => null)
      await context?.close().catch(() => undefined)
    }
  }
}
