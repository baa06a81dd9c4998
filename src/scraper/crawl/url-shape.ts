/**
 * A URL's "shape": its path with numbers, dates, ids and hashes replaced by placeholders, and its
 * query reduced to the sorted parameter names. `/events/2031/05?view=month` and
 * `/events/2032/11?view=week` share the shape `/events/{n}/{n}?view`. Endless calendars and faceted
 * filter combinations produce unbounded URLs of a few shapes, while a catalog's products spread
 * over a few shapes with a bounded count each, so capping visits per shape stops traps without
 * losing products.
 */
export function urlShape(input: string | URL): string {
  const url = new URL(input)
  const segments = url.pathname.split('/').map((segment) => {
    if (/^\d+$/.test(segment)) return '{n}'
    if (/^\d{4}-\d{2}(-\d{2})?$/.test(segment)) return '{date}'
    if (/^[0-9a-f]{8,}$/i.test(segment) || /^[0-9a-f-]{32,36}$/i.test(segment)) return '{id}'
    // Slugs with a number in them (product-1234, page2) keep their words but not their digits.
    return segment.replace(/\d+/g, '{n}')
  })
  const names = [...new Set([...url.searchParams.keys()])].sort()
  return `${url.hostname.replace(/^www\./, '')}${segments.join('/')}${names.length > 0 ? `?${names.join('&')}` : ''}`
}
