import { gunzipSync } from 'node:zlib'
import { XMLParser } from 'fast-xml-parser'
import type { LogLevel } from '../../shared/log-entry'
import { canonicalUrl } from '../url/canonical-url'
import { describeResult, type PoliteFetcher } from '../fetch/polite-fetcher'
import { isSameSite } from '../url/same-site'

/** What one sitemap file contains. */
export interface ParsedSitemap {
  /** `index` lists more sitemaps; `urlset` and `text` list pages. */
  kind: 'index' | 'urlset' | 'text' | 'invalid'
  urls: string[]
}

let xmlParser: XMLParser | undefined

/**
 * The one parser every sitemap goes through, made at the first sitemap: the built worker loads
 * the XML library then, not at its start (scripts/build-cli.mjs, lazyPageLibs).
 */
function sitemapXmlParser(): XMLParser {
  xmlParser ??= new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => name === 'url' || name === 'sitemap'
  })
  return xmlParser
}

const gzipMagic = [0x1f, 0x8b]

/** The sitemap's bytes, gunzipped when they are gzip (by magic number, whatever the name says). */
function gunzipIfNeeded(body: Buffer): Buffer {
  if (body[0] !== gzipMagic[0] || body[1] !== gzipMagic[1]) return body
  // The protocol caps a sitemap at 50 MB uncompressed: more is a zip bomb or a broken file.
  return gunzipSync(body, { maxOutputLength: 64 * 1024 * 1024 })
}

function locs(entries: unknown): string[] {
  if (!Array.isArray(entries)) return []
  return entries
    .map((entry) => (entry as { loc?: unknown } | null)?.loc)
    .filter((loc): loc is string => typeof loc === 'string')
    .map((loc) => loc.trim())
    .filter((loc) => loc !== '')
}

/**
 * Reads a sitemap (XML urlset or sitemap index, or the plain-text one-URL-per-line form),
 * gzipped or not.
 */
export function parseSitemap(body: Buffer): ParsedSitemap {
  const text = gunzipIfNeeded(body)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
  if (text.startsWith('<')) {
    let doc: Record<string, unknown>
    try {
      doc = sitemapXmlParser().parse(text) as Record<string, unknown>
    } catch {
      return { kind: 'invalid', urls: [] }
    }
    const index = doc['sitemapindex'] as { sitemap?: unknown } | undefined
    if (index != null) return { kind: 'index', urls: locs(index.sitemap) }
    const urlset = doc['urlset'] as { url?: unknown } | undefined
    if (urlset != null) return { kind: 'urlset', urls: locs(urlset.url) }
    return { kind: 'invalid', urls: [] }
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  if (lines.length > 0 && lines.every((line) => line === '' || /^https?:\/\//i.test(line))) {
    return { kind: 'text', urls: lines.filter((line) => line !== '') }
  }
  return { kind: 'invalid', urls: [] }
}

/** Sitemap addresses tried when robots.txt names none, most common first. */
const conventionalSitemapPaths = [
  '/sitemap.xml',
  '/sitemap_index.xml',
  '/sitemap-index.xml',
  '/product-sitemap.xml',
  '/sitemap.xml.gz',
  '/sitemap.txt'
]

/** Options of `discoverSitemapPages`. */
export interface SitemapDiscoveryOptions {
  siteUrl: string
  /** Sitemaps named in robots.txt; when empty, the conventional addresses are tried. */
  listed: string[]
  fetcher: PoliteFetcher
  isAllowed: (url: string) => boolean
  log: (level: LogLevel, message: string) => void
  signal: AbortSignal
  /** How deep sitemap indexes are followed (an index of indexes is depth 2). Default: 3. */
  maxDepth?: number
  /** Sitemap files read at most. Default: 500. */
  maxSitemaps?: number
}

/**
 * Every page URL the site's sitemaps list (same site only, canonical, deduped), following sitemap
 * indexes to a depth cap. A sitemap that fails is logged and skipped: the links still get crawled.
 */
export async function discoverSitemapPages(options: SitemapDiscoveryOptions): Promise<string[]> {
  const maxDepth = options.maxDepth ?? 3
  const maxSitemaps = options.maxSitemaps ?? 500
  const guessing = options.listed.length === 0
  const start = guessing
    ? conventionalSitemapPaths.map((path) => new URL(path, options.siteUrl).href)
    : options.listed
  const pages = new Set<string>()
  const fetched = new Set<string>()

  const read = async (url: string, depth: number): Promise<boolean> => {
    if (options.signal.aborted || fetched.has(url) || fetched.size >= maxSitemaps) return false
    if (!isSameSite(url, options.siteUrl)) {
      options.log('debug', `Skipped sitemap ${url}: on another site`)
      return false
    }
    if (!options.isAllowed(url)) {
      options.log('debug', `Skipped sitemap ${url}: disallowed by robots.txt`)
      return false
    }
    fetched.add(url)
    const result = await options.fetcher.get(url, {
      accept: 'application/xml,text/xml;q=0.9,*/*;q=0.5',
      maxBytes: 64 * 1024 * 1024,
      checkRedirect: (_from, to) => (isSameSite(to, options.siteUrl) ? null : 'on another site')
    })
    if (result.kind === 'failure' || result.status >= 400) {
      if (result.kind === 'failure' && result.reason === 'aborted') return false
      // A guessed address that is missing is the normal case, not a problem with the site.
      options.log(
        guessing && depth === 0 ? 'debug' : 'warn',
        `Sitemap ${url} failed: ${describeResult(result)}`
      )
      return false
    }
    let parsed: ParsedSitemap
    try {
      parsed = parseSitemap(result.body)
    } catch (error) {
      options.log('warn', `Sitemap ${url} is unreadable: ${(error as Error).message}`)
      return false
    }
    if (parsed.kind === 'invalid') {
      options.log(guessing && depth === 0 ? 'debug' : 'warn', `Sitemap ${url} is not a sitemap`)
      return false
    }
    if (parsed.kind === 'index') {
      options.log('debug', `Sitemap index ${url} lists ${parsed.urls.length} sitemaps`)
      if (depth + 1 >= maxDepth) {
        options.log(
          'warn',
          `Sitemap index ${url} nests deeper than ${maxDepth} levels: not followed`
        )
        return true
      }
      for (const child of parsed.urls) {
        const absolute = canonicalUrl(new URL(child, url))
        if (absolute != null) await read(absolute, depth + 1)
      }
      return true
    }
    let added = 0
    for (const loc of parsed.urls) {
      let absolute: string | null = null
      try {
        absolute = canonicalUrl(new URL(loc, url))
      } catch {
        absolute = null
      }
      if (absolute == null || !isSameSite(absolute, options.siteUrl) || pages.has(absolute))
        continue
      pages.add(absolute)
      added++
    }
    options.log('debug', `Sitemap ${url} lists ${added} new pages`)
    return true
  }

  for (const url of start) {
    const absolute = canonicalUrl(new URL(url, options.siteUrl))
    if (absolute == null) continue
    const found = await read(absolute, 0)
    // Guessed addresses are alternatives: the first that works is the site's sitemap.
    if (guessing && found) break
  }
  if (fetched.size >= maxSitemaps) {
    options.log('warn', `Read the cap of ${maxSitemaps} sitemaps; the rest are not followed`)
  }
  return [...pages]
}
