import { readFile, realpath } from 'node:fs/promises'
import { resolve, sep } from 'node:path'
import { contentSecurityPolicy } from '../../shared/content-security-policy'
import { uiContentType } from '../ui-content-types'

/**
 * The app's own scheme: the built UI is served as `app://bundle/…` instead of `file://`, so the
 * page is an ordinary secure origin with no file-system reach (the `file://` privileges are off
 * by fuse) and every response it loads passes through `handleAppRequest`.
 */
export const appScheme = 'app'

/** The one host of the scheme; any other is refused. */
export const appHost = 'bundle'

/** The page the window loads. */
export const appIndexUrl = `${appScheme}://${appHost}/index.html`

/**
 * The file under `rootDir` an `app://bundle/…` URL names (`/` is `index.html`), or null when the
 * URL is not one of ours or would leave `rootDir`: another scheme or host, a malformed `%`
 * escape, an encoded slash or backslash, a NUL, or `..` once decoded. Pure: no file is touched.
 */
export function resolveAppFile(url: string, rootDir: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return null
  if (parsed.username || parsed.password || parsed.port) return null
  let path: string
  try {
    path = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  // The URL parser already removed plain `..`; what is left after decoding was smuggled.
  if (/[\\\0]/.test(path) || path.split('/').some((part) => part === '..' || part === '.')) {
    return null
  }
  const root = resolve(rootDir)
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`)
  return file.startsWith(root + sep) ? file : null
}

/**
 * Answers one `app://` request from the files under `rootDir`: GET and HEAD only (405), a URL
 * that would leave the folder is refused (403), including through a symbolic link, a missing file
 * is 404. Every answer carries the content security policy and `nosniff`. Runs under Node as
 * under Electron's `protocol.handle`.
 */
export async function handleAppRequest(request: Request, rootDir: string): Promise<Response> {
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff'
  }
  const text = (status: number, message: string): Response =>
    new Response(message, {
      status,
      headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }
    })
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return text(405, 'Method not allowed')
  }
  const file = resolveAppFile(request.url, rootDir)
  if (file == null) return text(403, 'Forbidden: not a file of the app')
  let body: Buffer
  try {
    const [real, realRoot] = await Promise.all([realpath(file), realpath(rootDir)])
    if (!real.startsWith(realRoot + sep)) return text(403, 'Forbidden: not a file of the app')
    body = await readFile(real)
  } catch {
    return text(404, 'Not found')
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': uiContentType(file)
    }
  })
}
