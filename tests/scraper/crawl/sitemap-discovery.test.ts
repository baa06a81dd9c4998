import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parseSitemap } from '../../../src/scraper/crawl/sitemap-discovery'

describe('parseSitemap', () => {
  it('reads urlsets, indexes (namespaced or not), gzip and plain text', () => {
    const urlset =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      '<url><loc> https://x.com/a?x=1&amp;y=2 </loc></url></urlset>'
    expect(parseSitemap(Buffer.from(urlset))).toEqual({
      kind: 'urlset',
      urls: ['https://x.com/a?x=1&y=2']
    })
    const index =
      '<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      '<sm:sitemap><sm:loc>https://x.com/s1.xml</sm:loc></sm:sitemap>' +
      '<sm:sitemap><sm:loc>https://x.com/s2.xml.gz</sm:loc></sm:sitemap></sm:sitemapindex>'
    expect(parseSitemap(gzipSync(index))).toEqual({
      kind: 'index',
      urls: ['https://x.com/s1.xml', 'https://x.com/s2.xml.gz']
    })
    expect(parseSitemap(Buffer.from('https://x.com/a\nhttps://x.com/b\n'))).toEqual({
      kind: 'text',
      urls: ['https://x.com/a', 'https://x.com/b']
    })
    expect(parseSitemap(Buffer.from('<html><body>Not found</body></html>')).kind).toBe('invalid')
  })
})
