import { canonicalUrl } from '../url/canonical-url'
import { isSameSite } from '../url/same-site'
import { decodeHtml } from './decode-html'
import {
  failedLoad,
  skippedLoad,
  statusProblem,
  stoppedLoad,
  type LoadedPage,
  type PageProblem
} from './loaded-page'
import { describeResult, type PoliteFetcher } from './polite-fetcher'
import { maxResponseBytes } from './response-size-cap'

/** Options of {@link loadHttpPage}. */
export interface HttpPageLoadOptions {
  /** The site's home page: redirects may not leave its site. */
  siteUrl: string
  /** robots.txt: redirects to disallowed URLs are refused. */
  isAllowed: (url: string) => boolean
  /** HTTP GETs, paced and retried. */
  fetcher: PoliteFetcher
  /** Per-page budget in ms (no default here: the page loader sets it). */
  timeoutMs: number
  /** Largest page accepted, in bytes. Default: 10 MB. */
  maxBytes?: number
  /** Redirects followed per page. Default: 5. */
  maxRedirects?: number
}

/** A script the page runs (JSON-LD and JSON data blocks do not count). */
const scriptTag = /<script\b(?![^>]*type\s*=\s*["']?application\/(ld\+)?json)/i

const htmlTypes = /^(text\/html|application\/xhtml\+xml)\b/i

/** Whether a Content-Type can be an HTML page (a missing one is given the benefit of the doubt). */
function isHtmlType(contentType: string | null): boolean {
  return contentType == null || contentType.trim() === '' || htmlTypes.test(contentType.trim())
}

/**
 * GETs `url` through the polite fetcher, refusing redirects off the site or into robots.txt's
 * disallowed paths and skipping bodies that are not HTML; says in words why a page could not be
 * loaded. `home` marks the brand's website URL, whose refused redirect gets advice to check the
 * brand settings.
 */
export async function loadHttpPage(
  url: string,
  home: boolean,
  options: HttpPageLoadOptions
): Promise<LoadedPage | PageProblem> {
  const { siteUrl, isAllowed } = options
  const response = await options.fetcher.get(url, {
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes ?? maxResponseBytes,
    maxRedirects: options.maxRedirects ?? 5,
    checkRedirect: (_from, to) => {
      if (!isSameSite(to, siteUrl)) return 'on another site, not followed'
      if (!isAllowed(to)) return 'disallowed by robots.txt'
      return null
    },
    acceptContentType: isHtmlType
  })
  if (response.kind === 'failure') {
    if (response.reason === 'aborted') return stoppedLoad
    if (response.reason === 'redirect-refused') {
      const advice = home
        ? ' (this is the brand’s website URL: check it in the brand settings)'
        : ''
      return skippedLoad('info', `Skipped ${url}: ${response.message}${advice}`)
    }
    if (response.reason === 'address-refused') {
      return skippedLoad('warn', `Refused ${url}: ${response.message}`)
    }
    if (response.reason === 'too-large')
      return skippedLoad('warn', `Skipped ${url}: ${response.message}`)
    return failedLoad(`GET ${url} failed: ${response.message}`)
  }
  const problem = statusProblem(`GET ${url}`, response.status, describeResult(response))
  if (problem) return problem
  const contentType = response.headers.get('content-type')
  if (response.skippedType) {
    return skippedLoad('info', `Skipped ${url}: not an HTML page (${contentType ?? 'no type'})`)
  }
  if (looksBinary(response.body)) {
    return skippedLoad(
      'warn',
      `Skipped ${url}: binary content, not an HTML page (served as ${contentType ?? 'no type'})`
    )
  }
  const html = decodeHtml(response.body, contentType)
  return {
    finalUrl: canonicalUrl(response.url) ?? url,
    html,
    via: 'http',
    hasScripts: scriptTag.test(html)
  }
}

/**
 * Whether a body is binary (an image or archive served as a page): NUL bytes near the start,
 * which no HTML has, unless it is UTF-16 (with its byte-order mark).
 */
function looksBinary(body: Buffer): boolean {
  if (
    body.length >= 2 &&
    ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff))
  )
    return false
  return body.subarray(0, 4096).includes(0)
}
