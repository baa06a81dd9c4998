import { describe, expect, it } from 'vitest'
import { canonicalUrl } from '../../../src/scraper/crawl/canonical-url'
import { isSameSite, registrableDomain } from '../../../src/scraper/crawl/same-site'
import { urlShape } from '../../../src/scraper/crawl/url-shape'

describe('canonicalUrl', () => {
  it('drops fragments, tracking parameters and session ids, and sorts the rest', () => {
    expect(
      canonicalUrl(
        'https://Shop.Example.com:443/p/Widget;jsessionid=AB12?utm_source=x&b=2&gclid=1&a=1&mc_cid=9&ref=nav&fbclid=f#specs'
      )
    ).toBe('https://shop.example.com/p/Widget?a=1&b=2')
    expect(canonicalUrl('https://example.com/p?utm_medium=email')).toBe('https://example.com/p')
    expect(canonicalUrl('mailto:x@example.com')).toBeNull()
    expect(canonicalUrl('not a url')).toBeNull()
  })
})

describe('isSameSite', () => {
  it('treats www. and the bare name, and subdomains, as one site, and other hosts or ports not', () => {
    expect(isSameSite('https://www.krk.com/a', 'http://krk.com/')).toBe(true)
    expect(isSameSite('https://shop.brand.co.uk/', 'https://www.brand.co.uk/')).toBe(true)
    expect(isSameSite('https://brand.co.uk/', 'https://other.co.uk/')).toBe(false)
    expect(isSameSite('https://cdn.krk-music.com/', 'https://krk.com/')).toBe(false)
    expect(isSameSite('http://127.0.0.1:8080/', 'http://127.0.0.1:9090/')).toBe(false)
    expect(isSameSite('http://localhost:8080/', 'http://127.0.0.1:8080/')).toBe(false)
    expect(registrableDomain('a.b.example.com.au')).toBe('example.com.au')
  })
})

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
