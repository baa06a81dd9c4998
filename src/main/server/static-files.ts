import { createReadStream, existsSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { join, normalize, resolve, sep } from 'node:path'
import { contentSecurityPolicy } from '../../shared/content-security-policy'
import { uiContentType } from '../ui-content-types'
import { refuse, type HttpRefusal } from './request-guards'

/**
 * Serves the built UI from `root` (undefined: none) under the same strict content security
 * policy as the desktop window. `/` is `index.html`, the single-page app's entry (it has no routes
 * of its own); a path that is no file, or climbs out of `root` whatever its encoding, is a 404.
 */
export function serveStaticFile(
  root: string | undefined,
  pathname: string,
  response: ServerResponse
): HttpRefusal | undefined {
  const staticRoot = root && resolve(root)
  if (!staticRoot || !existsSync(join(staticRoot, 'index.html'))) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
    response.end(
      'The UI is not built. Run `npx electron-vite build` once, then restart `serve`; ' +
        'the API is under /api/, its docs at /docs.\n'
    )
    return undefined
  }
  let relative: string
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  } catch {
    return refuse(400, 'bad_request', 'The path is not valid URL encoding.')
  }
  const file = relative === '' ? join(staticRoot, 'index.html') : resolve(staticRoot, relative)
  if (!file.startsWith(staticRoot + sep) || !existsSync(file) || statSync(file).isDirectory()) {
    return refuse(404, 'not_found', `There is nothing at ${pathname}.`)
  }
  response.writeHead(200, {
    'Content-Type': uiContentType(file),
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600'
  })
  createReadStream(file).pipe(response)
  return undefined
}
