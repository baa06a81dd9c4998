import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../../src/main/server/http-server'
import { startCoordinator, type CoordinatorHarness } from '../../support/coordinator-harness'
import { makeTempDir } from '../../support/temp-dir'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const token = 'a'.repeat(20) + 'B_-'.repeat(8)
let harness: CoordinatorHarness
let server: RunningHttpServer
/** The server listens on every interface; the tests reach it only over loopback. */
let base: string
const ui = makeTempDir('brand-scraper-ui-')

beforeAll(async () => {
  harness = startCoordinator()
  harness.coordinator.store.brands.add({ name: 'Genelec', website: 'https://www.genelec.com/' })
  mkdirSync(join(ui.dir, 'assets'))
  writeFileSync(join(ui.dir, 'index.html'), '<!doctype html><title>Brand Scraper</title>')
  server = await startHttpServer({
    coordinator: harness.coordinator,
    host: '0.0.0.0',
    port: 0,
    staticDir: ui.dir,
    token,
    allowedHosts: ['nas.local']
  })
  base = `http://127.0.0.1:${new URL(server.url).port}`
})

afterAll(async () => {
  await server.close()
  await harness.close()
  ui.cleanup()
})

describe('a server listening beyond loopback', () => {
  it('refuses to start without a token', async () => {
    await expect(
      startHttpServer({ coordinator: harness.coordinator, host: '0.0.0.0', port: 0 })
    ).rejects.toThrow(/beyond loopback\) needs an access token/)
  })

  it('answers 401 without the token, to the API, the event stream and the UI', async () => {
    for (const path of ['/api/worker/status', '/api/brands', '/api/events', '/', '/index.html']) {
      const answer = await fetch(base + path)
      expect(answer.status, path).toBe(401)
      expect(await answer.text()).toMatch(/open the URL that serve printed/)
    }
    const wrong = await fetch(`${base}/api/brands`, { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    const removal = await fetch(`${base}/api/brands/1`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' }
    })
    expect(removal.status).toBe(401)
    expect(harness.coordinator.store.brands.list()).toHaveLength(1)
  })

  it('answers 200 with the token as Authorization: Bearer or X-Brand-Scraper-Token', async () => {
    const bearer = await fetch(`${base}/api/brands`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(bearer.status).toBe(200)
    const header = await fetch(`${base}/api/worker/status`, {
      headers: { 'x-brand-scraper-token': token }
    })
    expect(header.status).toBe(200)
  })

  it('trades the ?token= link for an HttpOnly SameSite=Strict cookie, then serves the UI', async () => {
    const wrongLink = await fetch(`${base}/?token=guess`, { redirect: 'manual' })
    expect(wrongLink.status).toBe(401)
    expect(wrongLink.headers.getSetCookie()).toEqual([])

    const link = await fetch(`${base}/?token=${token}`, { redirect: 'manual' })
    expect(link.status).toBe(303)
    expect(link.headers.get('location')).toBe('/')
    const [setCookie] = link.headers.getSetCookie()
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    const cookie = setCookie!.split(';')[0]!
    const page = await fetch(`${base}/`, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toMatch(/Brand Scraper/)
    const list = await fetch(`${base}/api/brands`, { headers: { cookie } })
    expect(list.status).toBe(200)
    const stop = await fetch(`${base}/api/worker/stop`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' }
    })
    expect(await stop.json()).toEqual({ status: 'not_running' })
  })

  it('keeps the Host check on: only the allow-list, loopback names and IP literals', async () => {
    const status = (host: string): Promise<number> =>
      new Promise((resolve, reject) => {
        httpRequest(
          {
            host: '127.0.0.1',
            port: new URL(base).port,
            path: '/api/worker/status',
            headers: { host, authorization: `Bearer ${token}` }
          },
          (response) => {
            response.resume()
            resolve(response.statusCode!)
          }
        )
          .on('error', reject)
          .end()
      })
    expect(await status('evil.example')).toBe(403)
    expect(await status('rebind.attacker.test:8000')).toBe(403)
    expect(await status('nas.local:8000')).toBe(200)
    expect(await status('localhost')).toBe(200)
  })
})

describe('a loopback server with a token (serve --token)', () => {
  it('requires it too', async () => {
    const guarded = await startHttpServer({ coordinator: harness.coordinator, port: 0, token })
    try {
      expect((await fetch(`${guarded.url}/api/brands`)).status).toBe(401)
      const ok = await fetch(`${guarded.url}/api/brands`, {
        headers: { authorization: `Bearer ${token}` }
      })
      expect(ok.status).toBe(200)
    } finally {
      await guarded.close()
    }
  })
})
