import { describe, expect, it } from 'vitest'
import { CrawlFrontier, type CrawlFrontierOptions } from '../../../src/scraper/crawl/crawl-frontier'

const site = 'https://www.brand.test/'

function frontier(options: Partial<CrawlFrontierOptions> = {}): {
  frontier: CrawlFrontier
  skipped: Array<[string, string]>
} {
  const skipped: Array<[string, string]> = []
  return {
    frontier: new CrawlFrontier({
      siteUrl: site,
      onSkip: (url, reason) => skipped.push([url, reason]),
      ...options
    }),
    skipped
  }
}

/** Every URL the frontier hands out, in order. */
function drain(f: CrawlFrontier): string[] {
  const urls: string[] = []
  for (let entry = f.next(); entry != null; entry = f.next()) urls.push(entry.url)
  return urls
}

describe('CrawlFrontier', () => {
  it('queues each page once under its canonical URL, breadth first, and only of its own site', () => {
    const { frontier: f } = frontier()
    expect(f.offer(site, 0, 'start')).toBe(true)
    expect(f.offer('https://brand.test/a?utm_source=mail#top', 1, 'link')).toBe(true)
    expect(f.offer('https://brand.test/a', 1, 'link')).toBe(false)
    expect(f.offer('https://shop.brand.test/b', 1, 'link')).toBe(true)
    expect(f.offer('https://other.test/c', 1, 'link')).toBe(false)
    expect(f.offer('mailto:sales@brand.test', 1, 'link')).toBe(false)
    expect(f.discoveredCount).toBe(3)
    expect(f.pendingCount).toBe(3)
    expect(f.next()).toEqual({ url: site, depth: 0, source: 'start' })
    expect(drain(f)).toEqual(['https://brand.test/a', 'https://shop.brand.test/b'])
    expect(f.pendingCount).toBe(0)
    expect(f.has('https://brand.test/a')).toBe(true)
  })

  it('refuses files, robots.txt and the brand’s patterns (saying why, once), and deep links', () => {
    const { frontier: f, skipped } = frontier({
      include: [/\/products\//],
      exclude: [/outlet/],
      isAllowed: (url) => !url.includes('/products/private'),
      maxDepth: 2
    })
    // The start page is exempt from include patterns; depth caps links, not the start.
    expect(f.offer(site, 0, 'start')).toBe(true)
    expect(f.offer(`${site}products/manual.pdf`, 1, 'link')).toBe(false)
    expect(f.offer(`${site}blog/news`, 1, 'link')).toBe(false)
    expect(f.offer(`${site}products/outlet-1`, 1, 'link')).toBe(false)
    expect(f.offer(`${site}products/private-1`, 1, 'sitemap')).toBe(false)
    expect(f.offer(`${site}products/deep`, 3, 'link')).toBe(false)
    expect(f.offer(`${site}products/deep`, 2, 'link')).toBe(true)
    expect(f.offer(`${site}blog/news`, 1, 'link')).toBe(false)
    expect(skipped).toEqual([
      ['https://www.brand.test/products/manual.pdf', 'not a web page'],
      ['https://www.brand.test/blog/news', 'matches no include pattern of the brand'],
      ['https://www.brand.test/products/outlet-1', 'matches an exclude pattern of the brand'],
      ['https://www.brand.test/products/private-1', 'disallowed by robots.txt']
    ])
  })

  it('holds back pages of a shape over its cap, and releases them once the shape yields a product', () => {
    const { frontier: f } = frontier({ shapeCap: 3 })
    for (let i = 1; i <= 5; i++) f.offer(`${site}item/${i}`, 1, 'link')
    expect(f.discoveredCount).toBe(3)
    expect(f.trappedCount).toBe(2)
    // Sitemap pages are listed by the site itself: no cap.
    for (let i = 6; i <= 8; i++) expect(f.offer(`${site}item/${i}`, 1, 'sitemap')).toBe(true)
    f.productFound(`${site}item/1`)
    expect(f.trappedCount).toBe(0)
    expect(f.offer(`${site}item/9`, 1, 'link')).toBe(true)
    expect(drain(f)).toEqual([
      `${site}item/1`,
      `${site}item/2`,
      `${site}item/3`,
      `${site}item/6`,
      `${site}item/7`,
      `${site}item/8`,
      `${site}item/4`,
      `${site}item/5`,
      `${site}item/9`
    ])
  })

  it('caps faceted filters by their path, whatever combination of parameters they take', () => {
    const { frontier: f } = frontier({ shapeCap: 2 })
    const facets = ['color=red', 'size=m', 'color=red&size=m', 'brand=x&size=l', 'sort=price']
    const queued = facets.filter((query) => f.offer(`${site}shop?${query}`, 1, 'link'))
    expect(queued).toEqual(['color=red', 'size=m'])
    expect(f.trappedCount).toBe(3)
  })

  it('treats a URL marked known (a redirect target, a canonical address) as seen', () => {
    const { frontier: f } = frontier()
    f.markKnown(`${site}products/moved`)
    expect(f.offer(`${site}products/moved`, 1, 'link')).toBe(false)
    expect(f.has(`${site}products/moved`)).toBe(true)
  })
})
