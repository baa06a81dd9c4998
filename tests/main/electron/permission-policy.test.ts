import { describe, expect, it } from 'vitest'
import { appIndexUrl } from '../../../src/main/electron/app-protocol'
import { isPermissionGranted } from '../../../src/main/electron/permission-policy'

describe('isPermissionGranted', () => {
  it("grants only the clipboard write, and only to the app's own page or origin", () => {
    expect(isPermissionGranted('clipboard-sanitized-write', appIndexUrl, appIndexUrl)).toBe(true)
    expect(isPermissionGranted('clipboard-sanitized-write', 'app://bundle', appIndexUrl)).toBe(true)
    expect(
      isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', appIndexUrl)
    ).toBe(false)
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, appIndexUrl)).toBe(false)
  })

  it.each([
    'media',
    'display-capture',
    'geolocation',
    'notifications',
    'clipboard-read',
    'hid',
    'serial',
    'usb',
    'openExternal',
    'fileSystem',
    'unknown'
  ])('denies %s even to the app', (permission) => {
    expect(isPermissionGranted(permission, appIndexUrl, appIndexUrl)).toBe(false)
  })

  it('under the dev server, grants the clipboard to its origin only', () => {
    const dev = 'http://localhost:5173/'
    expect(isPermissionGranted('clipboard-sanitized-write', 'http://localhost:5173', dev)).toBe(
      true
    )
    expect(isPermissionGranted('clipboard-sanitized-write', 'http://localhost:5174', dev)).toBe(
      false
    )
  })
})
