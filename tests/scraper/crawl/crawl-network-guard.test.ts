import { describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import {
  createRecordingContext,
  startFixtureSite,
  type FixtureSite
} from '../../support/fixture-sites'
import { useBrowserAndSites } from '../../support/browser-test-setup'

const { provider: browser, sites } = useBrowserAndSites()

/** A brand site on loopback whose pages link, redirect and script their way to `internal`. */
async function hostileBrand(internal: string): Promise<FixtureSite> {
  const site = await startFixtureSite({
    '/':
      '<html><body><h1>Brand</h1>' +
      `<a href="${internal}/admin">admin</a><a href="/go">go</a><a href="/about">about</a>` +
      '<script>' +
      `fetch("${internal}/api/worker/stop", { method: "POST", mode: "no-cors" }).catch(() => {});` +
      `fetch("${internal}/api/brands").catch(() => {});` +
      '</script></body></html>',
    '/go': { status: 302, headers: { location: `${internal}/api/worker/stop` } },
    '/about': '<html><body><p>About us</p></body></html>'
  })
  sites.push(site)
  return site
}

describe('crawlBrand and the network guard', () => {
  for (const browserOnly of [false, true]) {
    it(`never reaches another loopback server from a loopback brand site (${browserOnly ? 'browser' : 'HTTP'})`, async () => {
      const internal = await startFixtureSite({ '/*': '{}' })
      sites.push(internal)
      const brand = await hostileBrand(internal.origin)
      const run = createRecordingContext(brand.url, {
        browser,
        overrides: { minDelayMs: 0, browserOnly }
      })
      const result = await crawlBrand(run.ctx)
      expect(result).toMatchObject({ fatal: null })
      // The brand's own loopback origin still crawls.
      expect(brand.requests).toContain('/about')
      expect(internal.requests).toEqual([])
      if (!browserOnly) {
        expect(run.logText()).toContain(`redirects to ${internal.origin}/api/worker/stop`)
      } else {
        // Playwright's routing never sees a redirect hop: the guard proxy refuses it.
        expect(run.logText()).toContain(
          `Browser request refused: ${internal.origin}/api/worker/stop: ` +
            `${internal.origin}/api/worker/stop leads to 127.0.0.1, a loopback address`
        )
        expect(run.logText()).toContain(
          `Browser request refused: ${internal.origin}/api/worker/stop: POST refused`
        )
        expect(run.logText()).toMatch(
          new RegExp(`Browser request refused: ${internal.origin}/api/brands: .*loopback`)
        )
      }
    })
  }
})
