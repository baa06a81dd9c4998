import type { CheerioAPI } from 'cheerio'
import { resolveDocumentUrl, resolveUrl } from './resolve-url'

/** Where a page points: its canonical address, its links and its next page. */
export interface PageLinks {
  /** `<link rel=canonical>`, absolute, or null. */
  canonicalUrl: string | null
  /** Every `<a href>`/`<area href>`, absolute, http(s) only, without fragment, deduped, in order. */
  links: string[]
  /** `rel=next` target (`<link>` or `<a>`), absolute, or null. */
  nextPageUrl: string | null
}

/**
 * The base for the page's relative links: its `<base href>` (itself relative to the page URL)
 * when it has one, else the page URL.
 */
export function documentBase($: CheerioAPI, url: string): string {
  return resolveUrl($('base[href]').first().attr('href'), url) ?? url
}

/** Canonical URL, links and `rel=next` of a page, resolved against `base`. */
export function extractPageLinks($: CheerioAPI, base: string): PageLinks {
  const links: string[] = []
  const seen = new Set<string>()
  $('a[href], area[href]').each((_, element) => {
    const link = resolveDocumentUrl($(element).attr('href'), base)
    if (link && !seen.has(link)) {
      seen.add(link)
      links.push(link)
    }
  })
  return {
    canonicalUrl: resolveUrl($('link[rel~="canonical" i][href]').first().attr('href'), base),
    links,
    nextPageUrl: resolveUrl(
      $('link[rel~="next" i][href], a[rel~="next" i][href]').first().attr('href'),
      base
    )
  }
}
