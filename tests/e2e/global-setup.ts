import { execFileSync } from 'node:child_process'

/**
 * Builds the app once before the end-to-end tests: `serve` hosts the built renderer
 * (out/renderer), and the Electron test launches out/main. Skipped with
 * BRAND_SCRAPER_E2E_SKIP_BUILD=1 when a build is known to be fresh.
 */
export default function globalSetup(): void {
  if (process.env['BRAND_SCRAPER_E2E_SKIP_BUILD'] === '1') return
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
}
