import { describe, expect, it } from 'vitest'
import { isAppUrl, isExternalWebUrl } from '../../../src/main/electron/is-app-url'

describe('isAppUrl', () => {
  const built = 'file:///opt/Brand%20Scraper/resources/app.asar/out/renderer/index.html'

  it('accepts the built page, with any query or hash, and nothing else on file:', () => {
    expect(isAppUrl(`${built}#/products`, built)).toBe(true)
    expect(isAppUrl('file:///tmp/evil/index.html', built)).toBe(false)
    expect(isAppUrl('https://example.com/', built)).toBe(false)
  })

  it('accepts the dev server by origin only', () => {
    expect(isAppUrl('http://localhost:5173/src/x', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isAppUrl('not a url', 'http://localhost:5173/')).toBe(false)
  })
})

describe('isExternalWebUrl', () => {
  it('lets only http(s) out to the system browser', () => {
    expect(isExternalWebUrl('https://www.krkmusic.com/')).toBe(true)
    expect(isExternalWebUrl('http://127.0.0.1:8000/')).toBe(true)
    expect(isExternalWebUrl('file:///etc/passwd')).toBe(false)
    expect(isExternalWebUrl('smb://host/share')).toBe(false)
    expect(isExternalWebUrl('javascript:alert(1)')).toBe(false)
  })
})
