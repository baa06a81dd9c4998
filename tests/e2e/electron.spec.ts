import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites'
import { removeAllBrands, runUserJourney } from './support/journey'

/**
 * The same journey in the Electron app: the preload's IPC API, a utilityProcess worker and the
 * production build under its CSP. Needs Electron's binary, which `npm ci` does not bring where
 * downloads are blocked: then the test is skipped, saying so.
 */

const require = createRequire(import.meta.url)

/** The Electron binary's path, or why there is none. */
function findElectronBinary(): { path: string } | { missing: string } {
  let packageDir: string
  try {
    packageDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return { missing: 'the electron package is not installed' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      missing: `${pathFile} does not exist (run \`node node_modules/electron/install.js\` to download it)`
    }
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { missing: `${binary} does not exist` }
  return { path: binary }
}

const electronBinary = findElectronBinary()

test.describe('Electron app', () => {
  let dir: string
  let app: ElectronApplication | undefined
  let fast: FixtureSite
  let slow: FixtureSite

  test.beforeAll(async () => {
    if ('missing' in electronBinary) return
    dir = mkdtempSync(join(tmpdir(), 'brand-scraper-electron-'))
    fast = await startFixtureSite('sitemap-index', { products: 8 })
    slow = await startFixtureSite('slow', { products: 40, delayMs: 1000 })
  })

  test.afterAll(async () => {
    // Closing quits the app, which stops the worker gracefully first.
    await app?.close()
    await fast?.close()
    await slow?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  // Playwright reads the fixtures a test uses from its first parameter: this one uses none.
  // eslint-disable-next-line no-empty-pattern
  test('the same journey in the desktop window', async ({}, testInfo) => {
    if ('missing' in electronBinary) {
      const reason = `Electron binary not installed: ${electronBinary.missing}`
      console.log(`Skipping the Electron end-to-end test. ${reason}`)
      test.skip(true, reason)
      return
    }
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined) env[key] = value
    app = await electron.launch({
      executablePath: electronBinary.path,
      args: [
        '.',
        // Root in a container, and CI's virtual display without a GPU.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--disable-gpu'
      ],
      env: {
        ...env,
        BRAND_SCRAPER_DB: join(dir, 'catalog.db'),
        ELECTRON_ENABLE_LOGGING: '1'
      }
    })
    const page = await app.firstWindow()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(message.text())
    })
    await page.getByRole('heading', { name: 'Brand Scraper' }).waitFor()

    // The page reaches the API only through the preload's named methods.
    const bridge = await page.evaluate(() => {
      const w = globalThis as unknown as { api?: Record<string, unknown>; require?: unknown }
      return {
        domains: Object.keys(w.api ?? {}).sort(),
        hasRequire: typeof w.require !== 'undefined',
        hasIpc: 'ipcRenderer' in (w.api ?? {})
      }
    })
    expect(bridge).toEqual({
      domains: ['brands', 'ingestion', 'logs', 'on', 'products', 'runs', 'worker'],
      hasRequire: false,
      hasIpc: false
    })

    await removeAllBrands(page)
    await runUserJourney(
      page,
      testInfo,
      {
        fast: { name: 'Fixture Audio', url: fast.url },
        slow: { name: 'Slow Audio', url: slow.url }
      },
      { screenshotPrefix: 'electron-' }
    )
    expect(problems).toEqual([])
  })
})
