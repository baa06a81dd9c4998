import { describe, expect, it } from 'vitest'
import { findChromium } from '../../../src/scraper/fetch/find-chromium'

const nothing = {
  exists: () => false,
  playwrightPath: () => '/pw/chromium',
  candidates: ['/usr/bin/chromium']
}

describe('findChromium', () => {
  it('uses BRAND_SCRAPER_CHROMIUM first, when the file exists', () => {
    const found = findChromium(
      { BRAND_SCRAPER_CHROMIUM: '/opt/my/chrome' },
      { ...nothing, exists: (path) => path === '/opt/my/chrome' || path === '/usr/bin/chromium' }
    )
    expect(found).toEqual({ path: '/opt/my/chrome', source: 'BRAND_SCRAPER_CHROMIUM' })
  })

  it('refuses a BRAND_SCRAPER_CHROMIUM naming a missing file rather than silently falling back', () => {
    expect(() =>
      findChromium(
        { BRAND_SCRAPER_CHROMIUM: '/typo/chrome' },
        { ...nothing, exists: (p) => p === '/usr/bin/chromium' }
      )
    ).toThrow(/BRAND_SCRAPER_CHROMIUM is set to \/typo\/chrome, but there is no file there/)
  })

  it("prefers Playwright's own Chromium when downloaded, then a system browser", () => {
    expect(findChromium({}, { ...nothing, exists: () => true })).toEqual({
      path: undefined,
      source: 'playwright'
    })
    expect(
      findChromium({}, { ...nothing, exists: (path) => path === '/usr/bin/chromium' })
    ).toEqual({ path: '/usr/bin/chromium', source: 'system' })
  })

  it('says exactly how to get a browser when there is none', () => {
    expect(() => findChromium({}, nothing)).toThrow(/npx playwright install chromium/)
    expect(() => findChromium({}, nothing)).toThrow(/apt-get install chromium/)
    expect(() => findChromium({}, nothing)).toThrow(/BRAND_SCRAPER_CHROMIUM=\/path\/to\/chromium/)
  })

  it('finds the Chromium of this machine', () => {
    const found = findChromium({ BRAND_SCRAPER_CHROMIUM: '/usr/bin/chromium' })
    expect(found.path).toBe('/usr/bin/chromium')
  })
})
