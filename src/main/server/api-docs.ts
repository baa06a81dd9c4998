import { createReadStream, existsSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { docsContentSecurityPolicy } from '../../shared/content-security-policy'
import { buildOpenApiDocument } from '../../shared/openapi-document'

/**
 * The API's docs: `/openapi.json`, generated from the contract, and `/docs`, Swagger UI served
 * from the installed swagger-ui-dist package (no CDN) under a strict content security policy. Its
 * "try it" sends same-origin requests, so the token cookie (from `/docs?token=TOKEN`) goes along.
 */

/** Options of {@link ApiDocs}. */
export interface ApiDocsOptions {
  /** The token cookie's name when the server needs a token. Default: none. */
  tokenCookie?: string
}

/** swagger-ui-dist's files the page loads, by the name they are served under `/docs/`. */
const swaggerFiles: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png'
}

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Brand Scraper API</title>
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/docs-init.js"></script>
  </body>
</html>
`

/**
 * Starts Swagger UI on the document. No inline script: the policy allows only this origin's files.
 * Every write gets `Content-Type: application/json`, which the server requires even without a
 * body (Swagger UI leaves it out when a body is empty), and no request goes to the public
 * validator.
 */
const initializer = `'use strict'
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    requestInterceptor: function (request) {
      var method = (request.method || 'GET').toUpperCase()
      var headers = request.headers || (request.headers = {})
      var hasType = Object.keys(headers).some(function (name) {
        return name.toLowerCase() === 'content-type'
      })
      if (method !== 'GET' && method !== 'HEAD' && !hasType) {
        headers['Content-Type'] = 'application/json'
      }
      return request
    }
  })
})
`

/** Serves the API docs; see the module's comment. */
export class ApiDocs {
  private document: string | undefined
  private swaggerDir: string | null | undefined

  constructor(private readonly options: ApiDocsOptions = {}) {}

  /** Whether `pathname` is one of the docs' (the caller has checked the method is GET or HEAD). */
  serve(pathname: string, response: ServerResponse): boolean {
    if (pathname === '/openapi.json') {
      this.document ??= JSON.stringify(buildOpenApiDocument(this.options), null, 2)
      send(response, 'application/json; charset=utf-8', this.document)
      return true
    }
    if (pathname === '/docs' || pathname === '/docs/') {
      send(response, 'text/html; charset=utf-8', page)
      return true
    }
    if (pathname === '/docs/docs-init.js') {
      send(response, 'text/javascript; charset=utf-8', initializer)
      return true
    }
    const name = pathname.startsWith('/docs/') ? pathname.slice('/docs/'.length) : ''
    const contentType = Object.hasOwn(swaggerFiles, name) ? swaggerFiles[name] : undefined
    const dir = contentType ? this.swaggerUiDir() : null
    if (!contentType || !dir) return false
    response.writeHead(200, { ...headers(contentType), 'Cache-Control': 'public, max-age=3600' })
    createReadStream(join(dir, name)).pipe(response)
    return true
  }

  /** The installed swagger-ui-dist folder; null when it is not installed (the files are 404s). */
  private swaggerUiDir(): string | null {
    if (this.swaggerDir === undefined) {
      try {
        const packageJson = createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')
        const dir = dirname(packageJson)
        this.swaggerDir = existsSync(join(dir, 'swagger-ui-bundle.js')) ? dir : null
      } catch {
        this.swaggerDir = null
      }
    }
    return this.swaggerDir
  }
}

function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': docsContentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer'
  }
}

function send(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(200, { ...headers(contentType), 'Cache-Control': 'no-cache' })
  response.end(body)
}
