import { describe, expect, it } from 'vitest'
import {
  brandInputSchema,
  brandPatchSchema,
  brandSettingsSchema,
  crawlOverridesSchema
} from '../../src/shared/brand'

/** The first problem zod finds, as the user is told it. */
function problem(result: { success: boolean; error?: { issues: { message: string }[] } }): string {
  return result.error?.issues[0]?.message ?? ''
}

describe('brandInputSchema', () => {
  it('takes a name and a website, enabled with priority 0 and no settings by default', () => {
    expect(
      brandInputSchema.parse({ name: '  KRK ', website: ' https://www.krkmusic.com/ ' })
    ).toEqual({
      name: 'KRK',
      website: 'https://www.krkmusic.com/',
      enabled: true,
      priority: 0,
      settings: {}
    })
  })

  it('refuses a website that is not an absolute http(s) URL, saying what one looks like', () => {
    for (const website of ['krkmusic.com', 'ftp://krkmusic.com/', 'javascript:alert(1)', '']) {
      const result = brandInputSchema.safeParse({ name: 'KRK', website })
      expect(result.success).toBe(false)
      expect(problem(result)).toMatch(/absolute http\(s\) URL, like https:\/\//)
    }
  })

  it('refuses a website with a user name or password, which every page request would carry', () => {
    const result = brandInputSchema.safeParse({
      name: 'KRK',
      website: 'https://me:pw@krk.example/'
    })
    expect(problem(result)).toMatch(/must not contain a user name or password/)
    expect(brandPatchSchema.safeParse({ website: 'https://me@krk.example/' }).success).toBe(false)
  })

  it('refuses an empty name', () => {
    const result = brandInputSchema.safeParse({ name: '   ', website: 'https://krk.example/' })
    expect(problem(result)).toBe('name must not be empty')
  })
})

describe('brandSettingsSchema', () => {
  it('refuses a URL pattern that is not a regular expression, saying which', () => {
    const result = brandSettingsSchema.safeParse({ include: ['/ok/', '[unclosed'] })
    expect(problem(result)).toMatch(/^"\[unclosed" is not a valid regular expression/)
    expect(brandSettingsSchema.safeParse({ exclude: [''] }).success).toBe(false)
  })

  it('accepts selectors only for the fields the extractors know', () => {
    expect(brandSettingsSchema.safeParse({ selectors: { price: '.now' } }).success).toBe(true)
    expect(brandSettingsSchema.safeParse({ selectors: { colour: '.c' } }).success).toBe(false)
  })

  it('keeps crawl overrides to the settings a run may override', () => {
    expect(crawlOverridesSchema.parse({ maxPages: 5, browserOnly: true })).toEqual({
      maxPages: 5,
      browserOnly: true
    })
    expect(crawlOverridesSchema.safeParse({ concurrency: 17 }).success).toBe(false)
  })
})
