import type { Session } from 'electron'
import { contentSecurityPolicy } from '../../shared/content-security-policy'
import { isPermissionGranted } from './permission-policy'

/** Options of {@link hardenSession}. */
export interface HardenSessionOptions {
  /** Under `electron-vite dev`: the dev server sends its own relaxed policy. */
  dev: boolean
  /** The page the window shows, the only one that may be granted anything. */
  appUrl: string
}

/**
 * Applies the content security policy to every response the session receives (the app:// handler
 * and the built page's meta tag carry it too) and denies every permission but the app page's
 * clipboard writes: requests, checks, devices (HID, serial, USB) and screen capture.
 */
export function hardenSession(session: Session, options: HardenSessionOptions): void {
  if (!options.dev) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [contentSecurityPolicy]
        }
      })
    })
  }
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(
      isPermissionGranted(permission, details.requestingUrl ?? webContents.getURL(), options.appUrl)
    )
  })
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, options.appUrl)
  )
  session.setDevicePermissionHandler(() => false)
  // No stream: the capture is refused.
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null))
}
