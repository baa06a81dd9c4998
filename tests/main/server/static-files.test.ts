import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveStaticFile } from '../../../src/main/server/static-files'
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy'
import { makeTempDir } from '../../support/temp-dir'

const ui = makeTempDir('brand-scraper-static-')
const empty = makeTempDir('brand-scraper-unbuilt-')
let server: Server
let port: number

beforeAll(async () => {
  mkdirSync(join(ui.dir, 'assets'))
  writeFileSync(join(ui.dir, 'index.html'), '<!doctype html><title>Brand Scraper</title>')
  writeFileSync(join(ui.dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(ui.dir, 'assets', 'blob.bin'), 'bytes')
  writeFileSync(join(ui.dir, '..', 'outside.txt'), 'outside the UI folder')
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const root = url.searchParams.has('unbuilt') ? empty.dir : ui.dir
    const refusal = serveStaticFile(root, url.pathname, response)
    if (refusal) response.writeHead(refusal.status).end(JSON.stringify(refusal.error))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  ui.cleanup()
  empty.cleanup()
})

/** GETs a raw path (not normalised by a URL parser, so `..` reaches the server as written). */
function get(
  path: string
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () =>
        resolve({ status: response.statusCode!, headers: response.headers, body })
      )
    })
      .on('error', reject)
      .end()
  })
}

describe('serveStaticFile', () => {
  it('serves the UI with its type, the content security policy and caching', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body).toMatch(/Brand Scraper/)
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache'
    })
    const script = await get('/assets/app.js')
    expect(script.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600'
    })
    expect((await get('/assets/blob.bin')).headers['content-type']).toBe('application/octet-stream')
  })

  it('answers / with index.html, and 404 for a path that is no file (the app has no routes)', async () => {
    const page = await get('/')
    expect(page.status).toBe(200)
    expect(page.body).toMatch(/Brand Scraper/)
    for (const path of ['/products/12', '/assets/missing.js', '/assets']) {
      const missing = await get(path)
      expect(missing.status, path).toBe(404)
      expect(missing.body, path).not.toMatch(/Brand Scraper/)
    }
  })

  it('serves nothing outside its folder, whatever the encoding', async () => {
    for (const path of ['/../outside.txt', '/..%2Foutside.txt', '/%2e%2e/outside.txt']) {
      const answer = await get(path)
      expect(answer.body, path).not.toMatch(/outside the UI folder/)
    }
  })

  it('refuses a path that is not valid URL encoding', async () => {
    const answer = await get('/%E0%A4%A')
    expect(answer.status).toBe(400)
    expect(answer.body).toMatch(/not valid URL encoding/)
  })

  it('says how to build the UI when there is none', async () => {
    const answer = await get('/?unbuilt')
    expect(answer.status).toBe(404)
    expect(answer.body).toMatch(/npx electron-vite build/)
  })
})
