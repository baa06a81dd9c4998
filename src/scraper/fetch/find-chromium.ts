import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright'

/** Where a Chromium was found, and how it was chosen (for the log). */
export interface ChromiumLocation {
  /**
   * Executable to launch; undefined means Playwright's own download, which Playwright locates
   * itself (it prefers its lighter headless shell when that is installed).
   */
  path: string | undefined
  /** `BRAND_SCRAPER_CHROMIUM`, `playwright` or `system`. */
  source: string
}

/** Seams for tests; the defaults look at this machine. */
export interface FindChromiumOptions {
  /** System browsers tried in order. Default: the usual Linux, macOS and Windows install paths. */
  candidates?: string[]
  /** Whether a file exists. Default: `fs.existsSync`. */
  exists?: (path: string) => boolean
  /** Path of Playwright's own Chromium (may not be downloaded). Default: `chromium.executablePath()`. */
  playwrightPath?: () => string | undefined
}

/** System Chrome, Chromium and Edge install paths, most likely first. */
export function systemChromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const windowsRoots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter(
    (root): root is string => root != null && root !== ''
  )
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...windowsRoots.flatMap((root) => [
      join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')
    ])
  ]
}

/** What to tell a user who has no browser: every way to get one. */
const chromiumInstallAdvice =
  'No Chromium found for pages that need JavaScript. Install one with ' +
  '`npx playwright install chromium`, or your system package (`apt-get install chromium` on ' +
  'Debian/Ubuntu, or install Google Chrome), and/or point BRAND_SCRAPER_CHROMIUM at it: ' +
  'BRAND_SCRAPER_CHROMIUM=/path/to/chromium'

function playwrightExecutablePath(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    // Playwright throws when its registry does not know this platform: same as not installed.
    return undefined
  }
}

/**
 * Finds a Chromium to launch: `BRAND_SCRAPER_CHROMIUM` first, then Playwright's own download if
 * present on disk, then a system Chrome, Chromium or Edge. Throws with install advice when there is
 * none, or when `BRAND_SCRAPER_CHROMIUM` names a missing file (a typo should not silently fall back).
 */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  options: FindChromiumOptions = {}
): ChromiumLocation {
  const exists = options.exists ?? existsSync
  const configured = env['BRAND_SCRAPER_CHROMIUM']?.trim()
  if (configured != null && configured !== '') {
    if (!exists(configured)) {
      throw new Error(
        `BRAND_SCRAPER_CHROMIUM is set to ${configured}, but there is no file there. ` +
          'Fix the path, or unset it to use Playwright’s or the system’s Chromium.'
      )
    }
    return { path: configured, source: 'BRAND_SCRAPER_CHROMIUM' }
  }
  const bundled = (options.playwrightPath ?? playwrightExecutablePath)()
  if (bundled != null && exists(bundled)) return { path: undefined, source: 'playwright' }
  for (const candidate of options.candidates ?? systemChromiumCandidates(env)) {
    if (exists(candidate)) return { path: candidate, source: 'system' }
  }
  throw new Error(chromiumInstallAdvice)
}
