import type { LogLevel } from '../../shared/log-entry'
import type { JsonResponse } from './json-responses'

/** How a page is fetched: plain HTTP, or rendered with scripts in the browser. */
export type FetchMode = 'http' | 'browser'

/** A page loaded either way, decoded to HTML. */
export interface LoadedPage {
  /** Canonical URL the page ended at, after redirects. */
  finalUrl: string
  html: string
  via: FetchMode
  /** Whether the HTML runs scripts (a page without any cannot be waiting for them). */
  hasScripts: boolean
  /** In the browser: the JSON the page's scripts fetched. */
  jsonResponses?: JsonResponse[]
}

/**
 * A page that could not be loaded, and whether that counts as an error: `dead` for a link that
 * answered 404 or 410 (the site's dead link, not a failure to read a page that should work).
 */
export interface PageProblem {
  outcome: 'failed' | 'skipped' | 'dead'
  level: LogLevel
  /** What happened, in words, naming the page. */
  message: string
  /** True when the user stopped the run: nothing to report. */
  stopped?: boolean
}

/** Whether a load came back as a problem rather than a page. */
export function isPageProblem(loaded: LoadedPage | PageProblem): loaded is PageProblem {
  return 'outcome' in loaded
}

/** The load the user stopped: nothing to report. */
export const stoppedLoad: PageProblem = {
  outcome: 'skipped',
  level: 'debug',
  message: 'stopped',
  stopped: true
}

/** 404 Not Found and 410 Gone: the page is not there, which asking again will not change. */
export function isDeadLink(status: number): boolean {
  return status === 404 || status === 410
}

/** A link to a page that is not there (not counted as an error). */
export function deadLink(message: string): PageProblem {
  return { outcome: 'dead', level: 'info', message }
}

/** A page that should have loaded and did not. */
export function failedLoad(message: string): PageProblem {
  return { outcome: 'failed', level: 'warn', message }
}

/**
 * What a page's answer means when it is no page, over HTTP or in the browser: a dead link for 404
 * and 410, a failed load for any other status outside 2xx and 3xx; null for a page. `request`
 * names it (`GET <url>`), `answer` is the status in words (`404 Not Found`).
 */
export function statusProblem(request: string, status: number, answer: string): PageProblem | null {
  if (isDeadLink(status)) return deadLink(`Dead link: ${request} answered ${answer}`)
  if (status >= 400 || status < 200) return failedLoad(`${request} failed: ${answer}`)
  return null
}

/** A page deliberately left alone (off the site, not HTML, too large...). */
export function skippedLoad(level: LogLevel, message: string): PageProblem {
  return { outcome: 'skipped', level, message }
}
