import { describe, expect, it } from 'vitest'
import type { BrandSettings, CrawlOverrides } from '../../../src/shared/brand'
import {
  crawlDefaults,
  resolveCrawlSettings,
  type CrawlSettings
} from '../../../src/scraper/crawl/crawl-settings'

type Logged = Array<[string, string]>

function resolve(
  brandSettings: BrandSettings,
  overrides: CrawlOverrides
): { settings: CrawlSettings; logged: Logged } {
  const logged: Logged = []
  const settings = resolveCrawlSettings(brandSettings, overrides, (level, message) =>
    logged.push([level, message])
  )
  return { settings, logged }
}

describe('resolveCrawlSettings', () => {
  it('takes the defaults when neither the brand nor the run sets anything', () => {
    const { settings, logged } = resolve({}, {})
    expect(settings).toEqual({
      concurrency: crawlDefaults.concurrency,
      minDelayMs: crawlDefaults.minDelayMs,
      maxPages: crawlDefaults.maxPages,
      maxDepth: crawlDefaults.maxDepth,
      include: [],
      exclude: [],
      selectors: undefined,
      browserOnly: false
    })
    expect(logged).toEqual([])
  })

  it("puts the run's overrides over the brand's settings, and never goes below one page at a time", () => {
    const { settings } = resolve(
      { concurrency: 4, minDelayMs: 1_000, maxPages: 50, maxDepth: 2, selectors: { name: 'h1' } },
      { concurrency: 0, minDelayMs: 0, browserOnly: true }
    )
    expect(settings).toMatchObject({
      concurrency: 1,
      minDelayMs: 0,
      maxPages: 50,
      maxDepth: 2,
      selectors: { name: 'h1' },
      browserOnly: true
    })
    expect(resolve({ concurrency: 4 }, {}).settings.concurrency).toBe(4)
  })

  it('compiles include and exclude patterns case-blind, and leaves out a broken one with a warning', () => {
    const { settings, logged } = resolve(
      { include: ['/Products/', '(unclosed'], exclude: ['outlet'] },
      {}
    )
    expect(settings.include).toHaveLength(1)
    expect(settings.include[0]!.test('https://x.com/products/1')).toBe(true)
    expect(settings.exclude[0]!.test('https://x.com/OUTLET')).toBe(true)
    expect(logged).toHaveLength(1)
    expect(logged[0]![0]).toBe('warn')
    expect(logged[0]![1]).toMatch(/^Ignored the include pattern \(unclosed: /)
  })
})
