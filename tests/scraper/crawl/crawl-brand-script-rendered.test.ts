import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import {
  createRecordingContext,
  fixtureProducts,
  jsonLdProductPage,
  startFixtureSite
} from '../../support/fixture-sites'
import { scriptRenderedSite } from '../../support/script-rendered-site'
import { useBrowserAndSites } from '../../support/browser-test-setup'

const { provider: browser, sites } = useBrowserAndSites()
const servers: Server[] = []
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    server.close()
  }
})

describe('crawlBrand on a client-rendered shop', () => {
  it('finds every product, learns the site needs the browser, and never loads decorations', async () => {
    const fixture = scriptRenderedSite()
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    const run = createRecordingContext(site.url, {
      browser,
      overrides: { minDelayMs: 0, concurrency: 4 }
    })
    const remembered: unknown[] = []
    const jsonEndpoint = { get: () => null, set: (recipe: unknown) => remembered.push(recipe) }
    const result = await crawlBrand({ ...run.ctx, jsonEndpoint })
    expect(result).toMatchObject({ complete: true, errorCount: 0, fatal: null })
    const names = new Set(run.saved.map((entry) => entry.product.name))
    expect([...names].sort()).toEqual(fixture.products.map((product) => product.name).sort())
    expect(run.saved.find((entry) => entry.url.endsWith('/product/7'))?.product).toMatchObject({
      name: 'Script Speaker 7',
      sku: 'FW-0007'
    })
    expect(run.strategySets).toEqual(['browser'])
    for (const path of fixture.decorations) expect(site.countOf(path)).toBe(0)
    // Once rendered pages agreed with their JSON endpoint, the rest were read from it directly.
    expect(run.logText()).toMatch(/take their product from .*\/api\/products\/\{id\}/)
    const rendered = fixture.productPaths.filter((path) => site.countOf(path) > 0)
    expect(rendered.length).toBeLessThan(fixture.productPaths.length)
    expect(remembered.at(-1)).toMatchObject({ endpoint: `${site.origin}/api/products/{id}` })
  })

  it('sends no plain-HTTP request for pages of a brand known to need the browser', async () => {
    const fixture = scriptRenderedSite({ products: 6 })
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    const run = createRecordingContext(site.url, {
      browser,
      strategy: 'browser',
      overrides: { minDelayMs: 0, concurrency: 2 }
    })
    const result = await crawlBrand(run.ctx)
    expect(result).toMatchObject({ complete: true, errorCount: 0 })
    expect(run.saved).toHaveLength(6)
    // Never an HTTP copy first: no page is loaded twice (and once the site's JSON endpoint is
    // known, some are not loaded at all).
    for (const path of ['/', ...fixture.productPaths])
      expect(site.countOf(path)).toBeLessThanOrEqual(1)
    expect(site.countOf('/')).toBe(1)
    // Each product's JSON was fetched exactly once: by its page's script, or read directly.
    for (let id = 1; id <= 6; id++) expect(site.countOf(`/api/products/${id}`)).toBe(1)
  })
})

describe('crawlBrand over HTTP', () => {
  it('reuses kept-alive connections for the whole crawl and closes them at its end', async () => {
    const products = fixtureProducts(12, 'Pooled Preamp')
    const open = new Set<Socket>()
    let connections = 0
    let requests = 0
    const server = createServer((request, response) => {
      requests++
      const path = request.url ?? '/'
      const id = Number(/^\/p\/(\d+)$/.exec(path)?.[1] ?? NaN)
      const product = products[id - 1]
      const body =
        path === '/robots.txt'
          ? 'User-agent: *\nAllow: /\n'
          : path === '/'
            ? `<html><body><h1>Preamps</h1>${products.map((_, i) => `<a href="/p/${i + 1}">p</a>`).join('')}</body></html>`
            : product != null
              ? jsonLdProductPage(product)
              : null
      response.writeHead(body == null ? 404 : 200, {
        'content-type': path === '/robots.txt' ? 'text/plain' : 'text/html; charset=utf-8'
      })
      response.end(body ?? 'not found')
    })
    server.on('connection', (socket: Socket) => {
      connections++
      open.add(socket)
      socket.on('close', () => open.delete(socket))
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const run = createRecordingContext(url, { overrides: { minDelayMs: 0, concurrency: 2 } })
    const result = await crawlBrand(run.ctx)
    expect(result).toMatchObject({ complete: true, errorCount: 0 })
    expect(run.saved).toHaveLength(12)
    expect(requests).toBeGreaterThanOrEqual(14)
    // Two pages in flight at most: two connections serve every request (one per request before).
    expect(connections).toBeLessThanOrEqual(2)
    // The crawl is over: none of its connections is left open.
    for (let i = 0; i < 100 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 20))
    expect(open.size).toBe(0)
  })
})
