import robotsParser from 'robots-parser'
import { USER_AGENT } from '../fetch/user-agent'
import type { LogLevel } from '../../shared/log-entry'
import { describeResult, type PoliteFetcher } from '../fetch/polite-fetcher'
import type { PolitenessGate } from '../fetch/politeness-gate'

/** What a site's robots.txt allows us. */
export interface RobotsRules {
  /** Whether robots.txt lets us request `url`. */
  isAllowed(url: string): boolean
  /** The Crawl-delay for our agent (or `*`), in ms; null when none is given. */
  crawlDelayMs: number | null
  /** Sitemap addresses listed in robots.txt. */
  sitemaps: string[]
  /** How the rules were obtained, in words, for the log. */
  summary: string
}

/** Rules, or why the site must not (or cannot) be crawled at all. */
export type RobotsLoadResult =
  { kind: 'rules'; rules: RobotsRules } | { kind: 'fatal'; message: string }

type Robot = ReturnType<typeof robotsParser>

function rulesFromText(text: string, summary: string): RobotsRules {
  // robots-parser only answers for URLs of the origin it was built for; www. and the bare name, or
  // http and https, are one site to us, so each origin gets a parser over the same text.
  const parsers = new Map<string, Robot>()
  const parserFor = (origin: string): Robot => {
    let parser = parsers.get(origin)
    if (parser == null) {
      parser = robotsParser(`${origin}/robots.txt`, text)
      parsers.set(origin, parser)
    }
    return parser
  }
  const any = parserFor('http://robots.invalid')
  const delay = any.getCrawlDelay(USER_AGENT)
  return {
    isAllowed(url: string): boolean {
      const parsed = new URL(url)
      return parserFor(parsed.origin).isAllowed(parsed.href, USER_AGENT) !== false
    },
    crawlDelayMs: delay != null && Number.isFinite(delay) && delay > 0 ? delay * 1000 : null,
    sitemaps: any.getSitemaps(),
    summary
  }
}

/** Rules allowing everything (no robots.txt). */
function allowAllRules(summary: string): RobotsRules {
  return { isAllowed: () => true, crawlDelayMs: null, sitemaps: [], summary }
}

/**
 * Fetches and reads `/robots.txt` of the site as RFC 9309 says: a 4xx means no rules (everything
 * allowed), a 5xx (after retries) means everything is disallowed for now, so the run stops with a
 * message; an unreachable host ends the run with advice to check the website address.
 */
export async function loadRobotsRules(
  siteUrl: string,
  fetcher: PoliteFetcher
): Promise<RobotsLoadResult> {
  const robotsUrl = new URL('/robots.txt', siteUrl).href
  // RFC 9309 §2.3.1.2: follow at least five redirects for robots.txt.
  const result = await fetcher.get(robotsUrl, {
    accept: 'text/plain,*/*;q=0.5',
    maxBytes: 512 * 1024
  })
  if (result.kind === 'failure') {
    if (result.reason === 'aborted') return { kind: 'fatal', message: 'Stopped before starting.' }
    if (result.reason === 'too-many-redirects' || result.reason === 'redirect-loop') {
      // RFC 9309 §2.3.1.2: a robots.txt that cannot be reached through redirects counts as absent.
      return { kind: 'rules', rules: allowAllRules(`robots.txt not found (${result.message})`) }
    }
    if (result.reason === 'too-large') {
      return {
        kind: 'rules',
        rules: allowAllRules(`robots.txt is too large (${result.message}); ignored`)
      }
    }
    return {
      kind: 'fatal',
      message:
        `Could not reach ${new URL(siteUrl).origin} (${result.message}). Check the website URL in ` +
        'the brand settings, and that the site is up and reachable from this computer.'
    }
  }
  if (result.status >= 500) {
    return {
      kind: 'fatal',
      message:
        `${robotsUrl} answered ${describeResult(result)}: under RFC 9309 that means the whole site ` +
        'is off limits until it answers again. Try again later.'
    }
  }
  if (result.status >= 400) {
    return {
      kind: 'rules',
      rules: allowAllRules(`No robots.txt (${describeResult(result)}): every page is allowed`)
    }
  }
  const text = result.body.toString('utf8').replace(/^\uFEFF/, '')
  return { kind: 'rules', rules: rulesFromText(text, `Read ${robotsUrl}`) }
}

/**
 * Puts a site's rules into effect for the crawl's requests: a Crawl-delay longer than the spacing
 * the brand asked for raises the gate's spacing (never lowers it), and the user is told.
 */
export function applyRobotsRules(
  rules: RobotsRules,
  gate: PolitenessGate,
  log: (level: LogLevel, message: string) => void
): void {
  log('debug', rules.summary)
  if (rules.crawlDelayMs != null && rules.crawlDelayMs > gate.minDelayMs) {
    gate.raiseMinDelay(rules.crawlDelayMs)
    log(
      'info',
      `robots.txt asks for a Crawl-delay of ${rules.crawlDelayMs / 1000} s: waiting that long between requests`
    )
  }
}
