import { describe, expect, it } from 'vitest'
import { brandInputSchema, brandPatchSchema } from '../../../src/shared/brand'

describe('the brand website schema', () => {
  it('refuses a website URL with a user name or password, in one line', () => {
    for (const website of ['https://user:secret@shop.example/', 'http://admin@10.0.0.1/']) {
      const added = brandInputSchema.safeParse({ name: 'Creds', website })
      expect(added.success, website).toBe(false)
      expect(added.error?.issues.map((issue) => issue.message)).toEqual([
        'website must not contain a user name or password (user:password@): remove them'
      ])
      expect(brandPatchSchema.safeParse({ website }).success).toBe(false)
    }
  })

  it('still takes a plain http(s) website and refuses other schemes', () => {
    expect(
      brandInputSchema.parse({ name: 'KRK', website: ' https://www.krkmusic.com/ ' }).website
    ).toBe('https://www.krkmusic.com/')
    const ftp = brandInputSchema.safeParse({ name: 'Ftp', website: 'ftp://files.example/' })
    expect(ftp.error?.issues[0]?.message).toMatch(/absolute http\(s\) URL/)
    expect(brandInputSchema.safeParse({ name: 'Junk', website: 'not a url' }).success).toBe(false)
  })
})
