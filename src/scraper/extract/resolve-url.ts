/**
 * Absolute http(s) URL of `href` against `base`, or null for empty, unparsable and non-web links
 * (`javascript:`, `mailto:`, `data:` ...).
 */
export function resolveUrl(href: string | null | undefined, base: string): string | null {
  if (href == null) return null
  const trimmed = href.trim()
  if (trimmed === '') return null
  try {
    const url = new URL(trimmed, base)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.href
  } catch {
    return null
  }
}

/** `resolveUrl` without the fragment: two links that differ only after `#` are one document. */
export function resolveDocumentUrl(href: string | null | undefined, base: string): string | null {
  const resolved = resolveUrl(href, base)
  // Only a URL with a fragment has a "#" in its href: the others need no second parse.
  if (resolved == null || !resolved.includes('#')) return resolved
  const url = new URL(resolved)
  url.hash = ''
  return url.href
}
