import type { Request, Route } from 'playwright'
import { checkUrlResolved, type Resolver } from './network-guard'

/** Options of {@link createBrowserRequestGuard}. */
export interface BrowserRequestGuardOptions {
  /** Origins a page may reach on a restricted address; a live set the renderer may add to. */
  trusted: ReadonlySet<string>
  /** Asked last, for what the crawl itself refuses (robots.txt, off-site navigations). */
  allowRequest?: (url: string, isNavigation: boolean) => boolean
  /** Told of each request refused by the guard, with why. */
  onRefused?: (url: string, reason: string) => void
  resolver?: Resolver
}

/** Methods a page may use: a crawl only reads, so a page's script may not change anything. */
const allowedMethods = new Set(['GET', 'HEAD'])

/**
 * Resource types a crawler never needs: they only cost bandwidth, memory and time (the extractors
 * read the DOM, never its layout, so stylesheets are no use either).
 */
export const blockedResourceTypes: ReadonlySet<string> = new Set([
  'image',
  'font',
  'media',
  'stylesheet'
])

/**
 * The route handler every request of the crawler's pages goes through: only GET and HEAD, never
 * a restricted address (loopback, private...) other than a trusted origin, no images, fonts,
 * media or stylesheets, and whatever the crawl refuses. Redirect hops never reach a route handler: the guard
 * proxy covers them.
 */
export function createBrowserRequestGuard(
  options: BrowserRequestGuardOptions
): (route: Route, request: Request) => Promise<void> {
  const refusal = async (request: Request): Promise<string | null> => {
    if (!allowedMethods.has(request.method())) {
      return `${request.method()} refused: pages may only GET or HEAD`
    }
    const url = request.url()
    let origin: string
    try {
      origin = new URL(url).origin
    } catch {
      return null
    }
    return options.trusted.has(origin) ? null : checkUrlResolved(url, null, options.resolver)
  }
  return async (route, request) => {
    const refused = await refusal(request)
    if (refused != null) options.onRefused?.(request.url(), refused)
    const allowed =
      refused == null &&
      !blockedResourceTypes.has(request.resourceType()) &&
      (options.allowRequest?.(request.url(), request.isNavigationRequest()) ?? true)
    // Both calls throw once the page is gone; the page closing mid-request is no error of ours.
    await (allowed ? route.continue() : route.abort('blockedbyclient')).catch(() => undefined)
  }
}
