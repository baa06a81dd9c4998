import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page, TestInfo } from '@playwright/test'

/** Where the README's screenshots live. */
const docsDir = join(import.meta.dirname, '../../../docs/screenshots')

/**
 * Saves a screenshot of the window in the test's output folder (test-results/…) and, with
 * `docs` set, copies it to docs/screenshots/ for the README.
 */
export async function panelScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  options: { docs?: boolean } = {}
): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path })
  await testInfo.attach(name, { path, contentType: 'image/png' })
  if (options.docs) {
    mkdirSync(docsDir, { recursive: true })
    copyFileSync(path, join(docsDir, `${name}.png`))
  }
  return path
}
