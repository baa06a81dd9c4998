import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startServe, type ServeProcess } from './support/start-serve'

/**
 * The API docs at `/docs` in Chromium against `serve`: Swagger UI, served by the server itself
 * under its strict content security policy, lists the API and its "try it" reaches the server, on
 * loopback without a token and with one (the cookie from the `/docs?token=` link).
 */

let dir: string
let open: ServeProcess | undefined
let guarded: ServeProcess | undefined

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'brand-scraper-docs-e2e-'))
  // Two catalogs, so that each serve keeps its own token file beside its catalog.
  mkdirSync(join(dir, 'open'))
  mkdirSync(join(dir, 'guarded'))
  open = await startServe(join(dir, 'open', 'catalog.db'))
  guarded = await startServe(join(dir, 'guarded', 'catalog.db'), ['--token'])
})

test.afterAll(async () => {
  await Promise.all([open?.close(), guarded?.close()])
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Records what the page reports: script errors, console errors and CSP violations. */
function watchProblems(page: Page, origin: string): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
      problems.push(`${message.type()}: ${message.text()}`)
    }
  })
  page.on('request', (request) => {
    if (new URL(request.url()).origin !== origin) {
      problems.push(`request to another origin: ${request.url()}`)
    }
  })
  return problems
}

/** Opens an operation, presses "Try it out" then "Execute", and returns the answer's status. */
async function tryIt(page: Page, operationId: string, tag: string): Promise<string> {
  const operation = page.locator(`#operations-${tag}-${operationId}`)
  await operation.locator('.opblock-summary').first().click()
  await operation.getByRole('button', { name: 'Try it out' }).click()
  await operation.getByRole('button', { name: 'Execute' }).click()
  const status = operation.locator('.live-responses-table tbody .response-col_status').first()
  await status.waitFor()
  return (await status.innerText()).trim()
}

test('the docs list the API, and "try it" reaches the server', async ({ page }) => {
  const problems = watchProblems(page, open!.url)
  const response = await page.goto(`${open!.url}/docs`)
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'")
  await expect(page.getByRole('heading', { name: /Brand Scraper API/ })).toBeVisible()
  // Every domain's operations are listed, each with its method and path.
  for (const [method, path] of [
    ['GET', '/api/brands'],
    ['POST', '/api/worker/start'],
    ['PATCH', '/api/brands/{id}'],
    ['GET', '/api/products/export']
  ]) {
    const summary = page.locator('.opblock-summary', {
      has: page.locator('.opblock-summary-method', { hasText: new RegExp(`^${method}$`) })
    })
    await expect(summary.filter({ hasText: path }).first()).toBeVisible()
  }
  expect(await tryIt(page, 'brandsList', 'brands')).toBe('200')
  const body = page.locator('#operations-brands-brandsList .live-responses-table .microlight')
  await expect(body.first()).toContainText('[')
  // A write passes the server's guards: same origin, Content-Type: application/json.
  expect(await tryIt(page, 'workerStop', 'worker')).toBe('200')
  expect(problems, open!.stderr()).toEqual([])
})

test('with a token, the /docs link signs the page in and "try it" works', async ({ page }) => {
  const problems = watchProblems(page, guarded!.url)
  await expect.poll(() => guarded!.stdout().find((line) => line.includes('?token='))).toBeTruthy()
  const link = guarded!.stdout().find((line) => line.includes('?token='))!
  const token = new URL(link.replace(/^Open /, '')).searchParams.get('token')!
  const refused = await page.request.get(`${guarded!.url}/openapi.json`)
  expect(refused.status()).toBe(401)

  await page.goto(`${guarded!.url}/docs?token=${token}`)
  // The link's token is traded for a cookie; the address bar no longer shows it.
  expect(new URL(page.url()).pathname).toBe('/docs')
  expect(page.url()).not.toContain(token)
  await expect(page.getByRole('heading', { name: /Brand Scraper API/ })).toBeVisible()
  expect(await tryIt(page, 'brandsList', 'brands')).toBe('200')
  expect(await tryIt(page, 'workerStop', 'worker')).toBe('200')
  expect(problems, guarded!.stderr()).toEqual([])
})
