import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { scoreRealPages } from '../../support/score-real-pages'

// The saved pages are vendored with their sources and licenses (tests/fixtures/…/SOURCES.md).
const directory =
  process.env.BRAND_SCRAPER_REAL_PAGES ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/real-product-pages')

/** Share of pages on which each asserted field must be right. */
const TARGET = 0.95

describe('real product pages', () => {
  const score = scoreRealPages(directory)

  it('reads every page', () => {
    expect(score.pages).toBeGreaterThan(0)
  })

  it.each(Object.entries(score.fields))('gets %s right on enough pages', (field, tally) => {
    const failures = score.failures.filter((failure) => failure.includes(`: ${field}: `))
    expect(tally.right / tally.total, failures.join('\n')).toBeGreaterThanOrEqual(TARGET)
  })

  it('extracts nothing a page does not have', () => {
    expect(score.absentViolations).toEqual([])
  })
})
