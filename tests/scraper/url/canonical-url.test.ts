import { describe, expect, it } from 'vitest'
import { canonicalUrl } from '../../../src/scraper/url/canonical-url'

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
