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

describe('isAppUrl with the app:// scheme', () => {
  const app = 'app://bundle/index.html'

  it("accepts any page and the origin of the app's own scheme and host", () => {
    expect(isAppUrl('app://bundle/index.html#/products', app)).toBe(true)
    expect(isAppUrl('app://bundle/assets/x.js', app)).toBe(true)
    expect(isAppUrl('app://bundle', app)).toBe(true)
  })

  it('refuses another host, another custom scheme, file: and the web', () => {
    expect(isAppUrl('app://evil/index.html', app)).toBe(false)
    expect(isAppUrl('app://user:pw@bundle/index.html', app)).toBe(false)
    // Both have the origin "null" for the URL parser: never compared by origin.
    expect(isAppUrl('evil://bundle/index.html', app)).toBe(false)
    expect(isAppUrl('file:///tmp/index.html', app)).toBe(false)
    expect(isAppUrl('https://bundle/index.html', app)).toBe(false)
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
