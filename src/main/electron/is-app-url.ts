/**
 * Whether `url` is a page of the app itself: a page of the app's own scheme and host (the built
 * UI, `app://bundle/…`), a file URL of the same path as a `file:` app URL (ignoring query and
 * hash), or, under `electron-vite dev`, a page of the dev server (same http(s) origin).
 * Everything else is someone else's page and must not reach the API. `url` may be an origin.
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
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return candidate.origin === app.origin
  }
  // A custom scheme's origin is "null" for the URL parser: compare scheme and host instead.
  return (
    candidate.protocol === app.protocol &&
    candidate.host === app.host &&
    candidate.host !== '' &&
    !candidate.username &&
    !candidate.password
  )
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
