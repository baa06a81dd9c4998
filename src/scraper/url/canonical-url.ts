import { parseHttpUrl } from './parse-http-url'

/** Query parameters that only track the visitor: two URLs differing in them are one page. */
const trackingParams = new Set([
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'yclid',
  'igshid',
  'srsltid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'ref',
  'ref_src',
  'referrer',
  'sessionid',
  'session_id',
  'phpsessid',
  'jsessionid',
  'sid',
  'spm',
  'trk'
])

/** Prefixes of tracking parameter families (utm_source, mc_cid, pk_campaign...). */
const trackingPrefixes = ['utm_', 'mc_', 'pk_', 'hsa_', 'oly_', 'vero_']

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase()
  return trackingParams.has(lower) || trackingPrefixes.some((prefix) => lower.startsWith(prefix))
}

/**
 * The one spelling of a page's URL the crawl dedupes on and the catalog stores: no fragment, no
 * tracking parameters (utm_*, gclid, fbclid, mc_*, ref, session ids...), remaining parameters
 * sorted, no `;jsessionid=` path parameter, default port dropped. Returns null for anything but an
 * absolute http(s) URL. The path keeps its case: servers may treat it as significant.
 */
export function canonicalUrl(input: string | URL): string | null {
  const url = parseHttpUrl(input)
  if (!url) return null
  url.hash = ''
  url.username = ''
  url.password = ''
  url.pathname = url.pathname.replace(/;jsessionid=[^/?]*/i, '')
  const kept = [...url.searchParams].filter(([name]) => !isTrackingParam(name))
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
  url.search = new URLSearchParams(kept).toString()
  return url.href
}
