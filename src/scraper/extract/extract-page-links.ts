import type { CheerioAPI } from 'cheerio'
import { hasAttribute, pageElements } from './page-elements'
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
  const base = pageElements($)
    .named('base')
    .find((element) => hasAttribute(element, 'href'))
  return resolveUrl(base?.attribs.href, url) ?? url
}

// `[rel~="canonical" i]`: one of the space-separated words, as css-select matches it.
const CANONICAL = /(?:^|\s)canonical(?:$|\s)/i
const NEXT = /(?:^|\s)next(?:$|\s)/i

/** Canonical URL, links and `rel=next` of a page, resolved against `base`. */
export function extractPageLinks($: CheerioAPI, base: string): PageLinks {
  const links: string[] = []
  const seen = new Set<string>()
  // Menus repeat the same links: an href seen before is already in (or out of) the list.
  const hrefs = new Set<string>()
  let canonical: string | undefined
  let next: string | undefined
  for (const element of pageElements($).all) {
    const { name } = element
    if (name !== 'a' && name !== 'area' && name !== 'link') continue
    const href = element.attribs.href
    if (href == null) continue
    const rel = element.attribs.rel
    if (name === 'link' && canonical === undefined && rel != null && CANONICAL.test(rel)) {
      canonical = href
    }
    if (name !== 'area' && next === undefined && rel != null && NEXT.test(rel)) next = href
    if (name === 'link') continue
    if (hrefs.has(href)) continue
    hrefs.add(href)
    const link = resolveDocumentUrl(href, base)
    if (link && !seen.has(link)) {
      seen.add(link)
      links.push(link)
    }
  }
  return {
    canonicalUrl: resolveUrl(canonical, base),
    links,
    nextPageUrl: resolveUrl(next, base)
  }
}
