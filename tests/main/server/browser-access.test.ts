import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { chromium, type Browser } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../../src/main/server/http-server'
import {
  fixtureWorker,
  startCoordinator,
  type CoordinatorHarness
} from '../../support/coordinator-harness'
import { makeTempDir } from '../../support/temp-dir'

/**
 * The real browser against a server bound to every interface with a token, reached only over
 * 127.0.0.1: the UI gets in through the printed link's cookie, and a page of another origin on
 * the same machine (same site for cookies, so the cookie rides along) cannot stop the worker.
 */
const token = 'T0ken_'.repeat(8)
const ui = makeTempDir('brand-scraper-ui-')
let harness: CoordinatorHarness
let server: RunningHttpServer
let attacker: Server
let browser: Browser
let base: string
let attackerUrl: string

/** A stand-in UI: reads the brands and stops the worker, as the real one does, and says how it went. */
const probeScript = `
const brands = await fetch('/api/brands')
const stop = await fetch('/api/worker/stop', { method: 'POST', headers: { 'content-type': 'application/json' } })
document.body.dataset.result = brands.status + ' ' + stop.status + ' ' + JSON.stringify(await stop.json())
`

beforeAll(async () => {
  mkdirSync(join(ui.dir, 'assets'))
  writeFileSync(
    join(ui.dir, 'index.html'),
    '<!doctype html><title>Brand Scraper</title><script type="module" src="/assets/probe.js"></script>'
  )
  writeFileSync(join(ui.dir, 'assets', 'probe.js'), probeScript)
  harness = startCoordinator(fixtureWorker('run'))
  server = await startHttpServer({
    coordinator: harness.coordinator,
    host: '0.0.0.0',
    port: 0,
    staticDir: ui.dir,
    token
  })
  base = `http://127.0.0.1:${new URL(server.url).port}`
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(`<!doctype html><title>evil</title><script>
      fetch('${base}/api/worker/stop', { method: 'POST', mode: 'no-cors', body: '',
        headers: { 'content-type': 'text/plain' } }).finally(() => { document.title = 'sent' })
    </script><form method="post" enctype="text/plain" action="${base}/api/worker/stop"></form>`)
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`
  browser = await chromium.launch({
    executablePath: process.env['BRAND_SCRAPER_CHROMIUM'] || '/usr/bin/chromium',
    args: ['--no-sandbox']
  })
})

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => attacker?.close(resolve))
  await server?.close()
  await harness?.close()
  ui.cleanup()
})

describe('the UI in Chromium, over HTTP with a token', () => {
  it('gets in by the printed link (cookie), and a same-site page cannot stop the worker', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const refused = await page.goto(`${base}/`)
    expect(refused?.status()).toBe(401)

    await page.goto(`${base}/?token=${token}`)
    expect(page.url()).toBe(`${base}/`)
    await page.waitForFunction('document.body.dataset.result')
    expect(await page.evaluate('document.body.dataset.result')).toBe(
      '200 200 {"status":"not_running"}'
    )
    // HttpOnly: no script of the page can read the token.
    expect(await page.evaluate('document.cookie')).toBe('')

    harness.coordinator.start('continuous', 60, 1)
    await harness.waitForStatus((status) => status.is_running)
    const evil = await context.newPage()
    await evil.goto(attackerUrl)
    await evil.waitForFunction("document.title === 'sent'")
    const formAnswer = evil.waitForResponse(`${base}/api/worker/stop`)
    await evil.evaluate('document.forms[0].submit()')
    const answer = await formAnswer
    expect(answer.status()).toBe(403)
    expect(await answer.text()).toMatch(/from another site is refused/)
    expect(harness.coordinator.status.is_running).toBe(true)
    await harness.coordinator.stop()
    await context.close()
  })
})
