import type { Browser } from 'playwright'
import { afterAll } from 'vitest'
import {
  createBrowserProvider,
  type BrowserProvider
} from '../../src/scraper/fetch/browser-provider'
import type { FixtureSite } from './fixture-sites'
import { useFixtureSites } from './use-fixture-sites'

/**
 * One Chromium for a test file, launched on first use and closed after the file, and a list
 * where tests put the fixture sites they start, closed after each test.
 */
export function useBrowserAndSites(): { provider: BrowserProvider; sites: FixtureSite[] } {
  const provider = createBrowserProvider()
  const sites = useFixtureSites()
  afterAll(async () => {
    await provider.close()
  })
  return { provider, sites }
}

/** The pid of a launched Chromium's browser process, as Chromium itself reports it. */
export async function browserPid(browser: Browser): Promise<number> {
  const session = await browser.newBrowserCDPSession()
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>
  }
  await session.detach()
  return processInfo.find((entry) => entry.type === 'browser')?.id ?? -1
}
