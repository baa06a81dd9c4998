import { existsSync } from 'node:fs'
import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests: the UI in Chromium against `serve`, and the Electron app where its binary is
 * installed. Playwright cannot download browsers here, so the system's Chromium is used when it
 * exists (BRAND_SCRAPER_CHROMIUM, else /usr/bin/chromium); elsewhere (CI after
 * `npx playwright install chromium`) Playwright's own.
 */
const chromiumPath = process.env['BRAND_SCRAPER_CHROMIUM'] || '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  // One machine, two cores, one worker process per app: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 240_000,
  expect: { timeout: 20_000 },
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }]
})
