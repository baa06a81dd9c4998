import { describe, expect, it } from 'vitest'
import { urlShape } from '../../../src/scraper/crawl/url-shape'

describe('urlShape', () => {
  it('folds dates, numbers and ids, and keeps only parameter names', () => {
    expect(urlShape('https://x.com/events/2031/05?view=month')).toBe(
      urlShape('https://www.x.com/events/2032/11?view=week')
    )
    expect(urlShape('https://x.com/events/2025-01-31')).toBe('x.com/events/{date}')
    expect(urlShape('https://x.com/shop?size=m&color=red')).toBe('x.com/shop?color&size')
    expect(urlShape('https://x.com/p/3f2a9c1e77d0')).toBe('x.com/p/{id}')
    expect(urlShape('https://x.com/products/amp-200')).not.toBe(
      urlShape('https://x.com/products/mixer-2')
    )
  })
})
