/**
 * Whether `url` is a page of the app itself: the built `index.html` (a file URL, compared by
 * path, ignoring query and hash) or, under `electron-vite dev`, a page of the dev server (same
 * origin). Everything else is someone else's page and must not reach the API.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let candidate: URL
  let app: URL
  try {
    candidate = new URL(url)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (app.protocol === 'file:') {
    return (
      candidate.protocol === 'file:' &&
      candidate.host === app.host &&
      candidate.pathname === app.pathname
    )
  }
  return candidate.origin === app.origin
}

/** Whether a link may be handed to the system browser: http(s) only, never file: or custom schemes. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
  } catch {
    return false
  }
}
