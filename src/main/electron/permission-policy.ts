import { isAppUrl } from './is-app-url'

/**
 * The only permission the page may have: writing to the clipboard ("Copy" in the log viewer).
 * Camera, microphone, screen capture, geolocation, notifications, devices and the rest are denied.
 */
const allowedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/**
 * Whether a permission request or check is granted: only an allowed permission, and only to the
 * app's own page (`requestingUrl` may be a URL or an origin). Pure.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
  appUrl: string
): boolean {
  return (
    allowedPermissions.has(permission) && requestingUrl != null && isAppUrl(requestingUrl, appUrl)
  )
}
