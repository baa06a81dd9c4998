import { mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../../src/main/server/http-server'
import { sitemapBrandSite } from '../../support/brand-sites'
import { startCoordinator, type CoordinatorHarness } from '../../support/coordinator-harness'
import { startFixtureSite, type FixtureSite } from '../../support/fixture-sites/start-fixture-site'
import { makeTempDir } from '../../support/temp-dir'

let harness: CoordinatorHarness
let server: RunningHttpServer
let site: FixtureSite
const ui = makeTempDir('brand-scraper-ui-')

async function api(
  method: string,
  path: string,
  body?: unknown,
  // Like the UI: every write says JSON, with or without a body.
  headers: Record<string, string> = method === 'GET' ? {} : { 'content-type': 'application/json' }
  // Response bodies are asserted by shape with toMatchObject; typing each one adds nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any }> {
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : null }
}

beforeAll(async () => {
  site = await startFixtureSite(sitemapBrandSite({ products: 5, prefix: 'Api Speaker' }).routes)
  harness = startCoordinator()
  harness.coordinator.store.brands.add({ name: 'Allen & Heath', website: site.url })
  mkdirSync(join(ui.dir, 'assets'))
  writeFileSync(join(ui.dir, 'index.html'), '<!doctype html><title>Brand Scraper</title>')
  writeFileSync(join(ui.dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(ui.dir, '..', 'secret.txt'), 'outside the UI folder')
  server = await startHttpServer({ coordinator: harness.coordinator, port: 0, staticDir: ui.dir })
})

afterAll(async () => {
  await server.close()
  await harness.close()
  await site.close()
  ui.cleanup()
})

describe('HTTP control API', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('reports an idle worker in the original API shape', async () => {
    const { status, json } = await api('GET', '/api/worker/status')
    expect(status).toBe(200)
    expect(json).toMatchObject({
      is_running: false,
      pid: null,
      mode: null,
      current_brand: null,
      progress: null
    })
  })

  it('scrapes a brand named in the URL, streams events, and serves the products', async () => {
    const events: string[] = []
    const controller = new AbortController()
    const stream = fetch(`${server.url}/api/events`, { signal: controller.signal })
      .then(async (response) => {
        expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
        const decoder = new TextDecoder()
        for await (const chunk of response.body!) events.push(decoder.decode(chunk as Uint8Array))
      })
      .catch(() => undefined)

    const unknown = await api('POST', '/api/worker/scrape/No%20Such%20Brand')
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.message).toMatch(/Unknown brand "No Such Brand"/)

    const started = await api('POST', `/api/worker/scrape/${encodeURIComponent('Allen & Heath')}`)
    expect(started.status).toBe(200)
    expect(started.json).toMatchObject({ status: 'started', brand: 'Allen & Heath' })
    expect(started.json.pid).toBeGreaterThan(0)

    const busy = await api('POST', '/api/worker/start', { mode: 'continuous', delay: 60 })
    expect(busy.status).toBe(409)
    expect(busy.json.error.message).toMatch(/already running/)

    const running = await api('GET', '/api/worker/status')
    expect(running.json).toMatchObject({ is_running: true, pid: started.json.pid })

    await harness.coordinator.whenIdle()
    const products = await api('GET', '/api/products?brand=allen%20%26%20heath&limit=2&offset=0')
    expect(products.status).toBe(200)
    expect(products.json.total).toBe(5)
    expect(products.json.items).toHaveLength(2)
    expect(products.json.items[0]).toMatchObject({
      name: 'Api Speaker 1',
      brandName: 'Allen & Heath',
      price: 10.5
    })

    const search = await api('GET', '/api/products?q=speaker%204')
    expect(search.json.items.map((p: { name: string }) => p.name)).toEqual(['Api Speaker 4'])

    const one = await api('GET', `/api/products/${products.json.items[0].id}`)
    expect(one.json.url).toMatch(/\/products\/1$/)

    const brands = await api('GET', '/api/brands')
    expect(brands.json[0]).toMatchObject({
      name: 'Allen & Heath',
      productCount: 5,
      lastStatus: 'succeeded'
    })
    const ingestion = await api('GET', '/api/ingestion/status')
    expect(ingestion.json[0]).toMatchObject({ brand: 'Allen & Heath', totalProducts: 5 })
    expect(ingestion.json[0].lastRun).toMatchObject({ status: 'succeeded', productsNew: 5 })

    const logs = await api('GET', '/api/logs?brand=Allen%20%26%20Heath&level=info&limit=500')
    expect(logs.json.some((l: { message: string }) => /succeeded/.test(l.message))).toBe(true)
    const tail = await api('GET', `/api/logs?after=${logs.json.at(-1).id}`)
    expect(tail.json.every((l: { id: number }) => l.id > logs.json.at(-1).id)).toBe(true)

    // serve has no desktop to open the log file on: it gives the path instead.
    const logFile = await api('POST', '/api/logs/file/open')
    expect(logFile.json).toMatchObject({
      opened: false,
      path: expect.stringMatching(/brand-scraper\.log$/)
    })

    const exported = await api('GET', '/api/products/export?format=json')
    expect(JSON.parse(exported.json.content)).toHaveLength(5)

    controller.abort()
    await stream
    const text = events.join('')
    expect(text).toMatch(/event: status\ndata: \{"version":\d+,"is_running":false/)
    expect(text).toMatch(/event: progress\ndata: /)
    expect(text).toMatch(/event: log\ndata: .*succeeded/)
  })

  it('starts and stops the worker like the original API', async () => {
    const started = await api('POST', '/api/worker/start', { mode: 'continuous', delay: 60 })
    expect(started.status).toBe(200)
    expect(started.json).toMatchObject({ status: 'started', mode: 'continuous' })
    const stopped = await api('POST', '/api/worker/stop')
    expect(stopped.json).toEqual({ status: 'stopping' })
    await harness.coordinator.whenIdle()
    expect((await api('POST', '/api/worker/stop')).json).toEqual({ status: 'not_running' })
  })

  it('answers malformed requests with 400 and a message, changing nothing', async () => {
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['POST', '/api/worker/start', '{"mode": "continuous",', /not valid JSON/],
      ['POST', '/api/worker/start', { mode: 'sometimes' }, /mode/],
      ['POST', '/api/worker/start', { mode: 'once', delay: -1 }, /delay/],
      ['POST', '/api/worker/start', { mode: 'once', extra: 1 }, /extra/],
      ['POST', '/api/worker/start', [1, 2], /JSON object/],
      ['GET', '/api/products?limit=abc', undefined, /limit/],
      ['GET', '/api/logs?level=loud', undefined, /level/],
      ['POST', '/api/brands', { name: '', website: 'https://x.test/' }, /name/],
      ['POST', '/api/brands', { name: 'X', website: 'javascript:alert(1)' }, /http/],
      [
        'POST',
        '/api/brands',
        { name: 'X', website: 'https://x.test/', settings: { include: ['(['] } },
        /settings\.include\.0: "\(\[" is not a valid regular expression/
      ]
    ]
    for (const [method, path, body, message] of cases) {
      const { status, json } = await api(method, path, body, { 'content-type': 'application/json' })
      expect(status, `${method} ${path}`).toBe(400)
      expect(json.error.message).toMatch(message)
    }
    expect(harness.coordinator.status.is_running).toBe(false)
    expect((await api('GET', '/api/brands')).json).toHaveLength(1)
  })

  it('refuses bodies that are not JSON, unknown routes and wrong methods', async () => {
    const form = await api('POST', '/api/worker/start', 'mode=once', {
      'content-type': 'application/x-www-form-urlencoded'
    })
    expect(form.status).toBe(415)
    expect((await api('GET', '/api/nothing')).status).toBe(404)
    const wrong = await api('DELETE', '/api/worker/status')
    expect(wrong.status).toBe(405)
    expect(wrong.json.error.message).toMatch(/use GET/)
    expect((await api('GET', '/api/products/999999')).status).toBe(404)
    expect((await api('GET', '/api/products?brand=Nobody')).status).toBe(404)
  })

  it('adds, edits, imports and removes brands', async () => {
    const added = await api('POST', '/api/brands', {
      name: 'KRK Systems',
      website: 'https://www.krkmusic.com/'
    })
    expect(added.status).toBe(200)
    expect(
      (await api('POST', '/api/brands', { name: 'krk systems', website: 'https://x.test/' })).status
    ).toBe(409)
    const edited = await api('PATCH', `/api/brands/${added.json.id}`, {
      patch: { enabled: false, priority: 3 }
    })
    expect(edited.json).toMatchObject({ enabled: false, priority: 3 })
    const csv =
      'name,website,priority\nGenelec,https://www.genelec.com/,1\nKRK Systems,https://www.krkmusic.com/,2\n'
    const imported = await api('POST', '/api/brands/import', { format: 'csv', content: csv })
    expect(imported.json).toEqual({ added: 1, updated: 1 })
    const bad = await api('POST', '/api/brands/import', {
      format: 'json',
      content: '[{"name":"X"}]'
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error.message).toMatch(/Brand 1 \(website\)/)
    expect((await api('DELETE', `/api/brands/${added.json.id}`)).json).toEqual({ removed: true })
    expect((await api('DELETE', `/api/brands/${added.json.id}`)).status).toBe(404)
  })

  it('refuses requests for other hosts (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(server.url)
      httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: '/api/worker/status',
          headers: { host: 'evil.example' }
        },
        (response) => {
          response.resume()
          resolve(response.statusCode!)
        }
      )
        .on('error', reject)
        .end()
    })
    expect(status).toBe(403)
  })

  it('serves the UI with a strict CSP, and nothing outside its folder', async () => {
    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-eval|unsafe-inline/)
    expect(await page.text()).toMatch(/Brand Scraper/)
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get('content-type')).toMatch(
      /javascript/
    )
    const escape = await fetch(`${server.url}/..%2Fsecret.txt`)
    expect(escape.status).toBe(404)
    expect(await escape.text()).not.toMatch(/outside the UI folder/)
  })

  it('answers 404 for paths that are not the UI’s own, instead of the app', async () => {
    expect((await fetch(`${server.url}/index.html`)).status).toBe(200)
    for (const path of ['/no-such-page', '/assets/missing.js', '/assets', '/admin/%2e%2e/x']) {
      const answer = await fetch(server.url + path)
      expect(answer.status, path).toBe(404)
      expect(await answer.text()).not.toMatch(/<title>Brand Scraper/)
    }
  })

  it('answers a malformed % escape in a path parameter with 400, changing nothing', async () => {
    for (const [method, path] of [
      ['POST', '/api/worker/scrape/%E0%A4%A'],
      ['DELETE', '/api/brands/%zz'],
      ['GET', '/api/products/%']
    ] as const) {
      const { status, json } = await api(method, path)
      expect(status, path).toBe(400)
      expect(json.error.message).toMatch(/not valid URL encoding/)
    }
    expect(harness.coordinator.status.is_running).toBe(false)
  })

  it('answers /api/events only to GET', async () => {
    for (const method of ['POST', 'DELETE', 'PUT']) {
      const answer = await fetch(`${server.url}/api/events`, {
        method,
        headers: { 'content-type': 'application/json' }
      })
      expect(answer.status, method).toBe(405)
      expect(answer.headers.get('allow')).toBe('GET')
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(
        /use GET/
      )
    }
  })

  it('refuses a declared Content-Length over the limit at once, with no body sent', async () => {
    const url = new URL(server.url)
    const before = (await api('GET', '/api/brands')).json.length
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/api/brands/import',
          headers: { 'content-type': 'application/json', 'content-length': String(25 * 2 ** 20) }
        },
        (response) => {
          response.resume()
          resolve(response.statusCode!)
        }
      )
      request.on('error', reject)
      // Headers only: the 413 must come without the server waiting for the 25 MB.
      request.flushHeaders()
    })
    expect(status).toBe(413)
    expect((await api('GET', '/api/brands')).json).toHaveLength(before)
  })
})
