import { describe, expect, it } from 'vitest'
import { uiContentType } from '../../src/main/ui-content-types'

describe('uiContentType', () => {
  it('names the types the built UI is made of, whatever the case of the extension', () => {
    expect(uiContentType('/out/renderer/index.html')).toBe('text/html; charset=utf-8')
    expect(uiContentType('assets/index-1a2b.JS')).toBe('text/javascript; charset=utf-8')
    expect(uiContentType('icon.png')).toBe('image/png')
  })

  it('serves anything else as opaque bytes', () => {
    expect(uiContentType('payload.exe')).toBe('application/octet-stream')
    expect(uiContentType('README')).toBe('application/octet-stream')
  })
})
