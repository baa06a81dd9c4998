import type { Session } from 'electron'
import { contentSecurityPolicy } from '../../shared/content-security-policy'

/**
 * The only permission the page may have: writing to the clipboard ("Copy" in the log viewer).
 * Camera, microphone, geolocation, notifications and the rest are denied.
 */
const allowedPermissions = new Set(['clipboard-sanitized-write'])

/**
 * Applies the content security policy to every response the session receives (the built page's
 * meta tag covers file:// loads) and denies permission requests and checks.
 */
export function hardenSession(session: Session, options: { dev: boolean }): void {
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
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    callback(allowedPermissions.has(permission))
  })
  session.setPermissionCheckHandler((_webContents, permission) =>
    allowedPermissions.has(permission)
  )
}
