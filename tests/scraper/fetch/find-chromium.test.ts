import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findChromium, systemChromiumCandidates } from '../../../src/scraper/fetch/find-chromium'
import { makeTempDir } from '../../support/temp-dir'

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

  it('finds a real file named by BRAND_SCRAPER_CHROMIUM, or among the candidates', () => {
    const temp = makeTempDir()
    try {
      const executable = join(temp.dir, 'chromium')
      writeFileSync(executable, '#!/bin/sh\n')
      chmodSync(executable, 0o755)
      // The default `exists` looks at the disk: only the file made here exists.
      expect(findChromium({ BRAND_SCRAPER_CHROMIUM: executable })).toEqual({
        path: executable,
        source: 'BRAND_SCRAPER_CHROMIUM'
      })
      const missing = join(temp.dir, 'no-such-chromium')
      expect(
        findChromium({}, { playwrightPath: () => missing, candidates: [missing, executable] })
      ).toEqual({ path: executable, source: 'system' })
    } finally {
      temp.cleanup()
    }
  })

  it('looks in the usual install folders, Windows ones under its environment roots', () => {
    const candidates = systemChromiumCandidates({ PROGRAMFILES: 'C:\\Program Files' })
    expect(candidates[0]).toBe('/usr/bin/chromium')
    expect(candidates).toContain(
      join('C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe')
    )
  })
})
