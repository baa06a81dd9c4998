import { parseHttpUrl } from './parse-http-url'

/**
 * Second-level labels under which registries sell names (`example.co.uk`): the registrable
 * domain there has three labels. A short list rather than the whole Public Suffix List: brand
 * sites live under a handful of these.
 */
const secondLevelSuffixes = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'com.br',
  'com.cn',
  'com.hk',
  'com.tw',
  'com.sg',
  'com.mx',
  'com.ar',
  'com.tr',
  'co.za',
  'co.in',
  'co.il',
  'com.pl'
])

/**
 * The registrable part of a host name: `shop.example.co.uk` → `example.co.uk`, `www.krk.com` →
 * `krk.com`. IP addresses and single-label hosts (localhost) are their own site.
 */
export function registrableDomain(hostname: string): string {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (/^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[')) return host
  const labels = host.split('.')
  if (labels.length <= 2) return host
  const lastTwo = labels.slice(-2).join('.')
  return secondLevelSuffixes.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo
}

/**
 * A key equal for URLs of the same site: same registrable domain (so `www.` and the bare name,
 * and other subdomains, are one site) and, when a non-standard port is given, the same port. The
 * scheme is ignored: sites redirect http to https.
 */
function siteKey(input: string | URL): string | null {
  const url = parseHttpUrl(input)
  if (!url) return null
  return `${registrableDomain(url.hostname)}:${url.port}`
}

/** Whether two URLs belong to the same site (see `siteKey`). */
export function isSameSite(a: string | URL, b: string | URL): boolean {
  const key = siteKey(a)
  return key != null && key === siteKey(b)
}
