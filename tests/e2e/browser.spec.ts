import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@playwright/test'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites'
import { removeAllBrands, runUserJourney } from './support/journey'
import { startServe, type ServeProcess } from './support/start-serve'

/**
 * The UI in Chromium against the headless coordinator (`serve`), a real worker process and two
 * fixture brand sites on 127.0.0.1.
 */

let dir: string
let serve: ServeProcess
let fast: FixtureSite
let slow: FixtureSite

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'brand-scraper-e2e-'))
  fast = await startFixtureSite('sitemap-index', { products: 8 })
  slow = await startFixtureSite('slow', { products: 40, delayMs: 1000 })
  serve = await startServe(join(dir, 'catalog.db'))
})

test.afterAll(async () => {
  await serve?.close()
  await fast?.close()
  await slow?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('a user adds brands, runs the worker, scrapes a brand, searches and filters', async ({
  page
}, testInfo) => {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    // A CSP violation is reported on the console: the production build must have none.
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text())
  })

  await page.goto(serve.url)
  await page.getByRole('heading', { name: 'Brand Scraper' }).waitFor()
  await removeAllBrands(page)

  await runUserJourney(
    page,
    testInfo,
    {
      fast: { name: 'Fixture Audio', url: fast.url },
      slow: { name: 'Slow Audio', url: slow.url }
    },
    // The README's screenshots are refreshed on request, so that a test run leaves the tree clean.
    { docsScreenshots: process.env['UPDATE_SCREENSHOTS'] === '1' }
  )

  test.expect(problems, serve.stderr()).toEqual([])
})
