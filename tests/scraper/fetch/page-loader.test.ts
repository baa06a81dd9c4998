import { describe, expect, it } from 'vitest'
import type { BrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import { createPageLoader, type PageLoader } from '../../../src/scraper/fetch/page-loader'
import { createPoliteFetcher } from '../../../src/scraper/fetch/polite-fetcher'
import { createPolitenessGate } from '../../../src/scraper/fetch/politeness-gate'
import {
  contentPage,
  refusingBrowserProvider,
  startFixtureSite,
  type FixtureSite
} from '../../support/fixture-sites'
import { useBrowserAndSites } from '../../support/browser-test-setup'

// Chromium is launched only by the test that renders pages.
const { provider: chromium, sites } = useBrowserAndSites()

function loaderFor(
  site: FixtureSite,
  options: { maxBytes?: number; browser?: BrowserProvider } = {}
): { loader: PageLoader; logged: string[]; browser: ReturnType<typeof refusingBrowserProvider> } {
  const signal = new AbortController().signal
  const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 0, signal })
  const logged: string[] = []
  const log = (level: string, message: string): number => logged.push(`${level}: ${message}`)
  const browser = refusingBrowserProvider()
  const loader = createPageLoader({
    siteUrl: site.url,
    isAllowed: (url) => !url.includes('/private/'),
    fetcher: createPoliteFetcher({ gate, signal, log, maxAttempts: 1, trustedOrigin: site.url }),
    gate,
    browser: options.browser ?? browser,
    signal,
    log,
    maxBytes: options.maxBytes
  })
  return { loader, logged, browser }
}

describe('createPageLoader', () => {
  it('loads an HTML page over HTTP under its canonical final URL, noting whether it runs scripts', async () => {
    const site = await startFixtureSite({
      '/old': { status: 301, headers: { location: '/new?utm_source=x' } },
      '/new': '<html><body><script>go()</script></body></html>',
      '/plain': contentPage('Plain', [])
    })
    sites.push(site)
    const { loader } = loaderFor(site)
    expect(await loader.loadWithHttp(`${site.origin}/old`, false)).toEqual({
      finalUrl: `${site.origin}/new`,
      html: '<html><body><script>go()</script></body></html>',
      via: 'http',
      hasScripts: true
    })
    const plain = await loader.loadWithHttp(`${site.origin}/plain`, false)
    expect(plain).toMatchObject({ via: 'http', hasScripts: false })
  })

  it('says why a page could not be used, and whether that counts as an error', async () => {
    const site = await startFixtureSite({
      '/': (request) => ({
        status: 302,
        headers: { location: request.origin.replace('127.0.0.1', 'localhost') + '/' }
      }),
      '/to-private': { status: 302, headers: { location: '/private/x' } },
      '/manual': { contentType: 'application/pdf', body: Buffer.from('%PDF') },
      '/big': 'x'.repeat(2_000),
      '/gone': { status: 410, body: 'gone' },
      '/missing': { status: 404, body: 'not found' },
      '/forbidden': { status: 403, body: 'forbidden' }
    })
    sites.push(site)
    const { loader } = loaderFor(site, { maxBytes: 1_000 })
    const home = await loader.loadWithHttp(site.url, true)
    expect(home).toMatchObject({ outcome: 'skipped', level: 'info' })
    expect('message' in home && home.message).toMatch(
      /redirects to http:\/\/localhost:\d+\/: on another site, not followed \(this is the brand’s website URL/
    )
    expect(await loader.loadWithHttp(`${site.origin}/to-private`, false)).toEqual({
      outcome: 'skipped',
      level: 'info',
      message: `Skipped ${site.origin}/to-private: redirects to ${site.origin}/private/x: disallowed by robots.txt`
    })
    expect(await loader.loadWithHttp(`${site.origin}/manual`, false)).toEqual({
      outcome: 'skipped',
      level: 'info',
      message: `Skipped ${site.origin}/manual: not an HTML page (application/pdf)`
    })
    expect(await loader.loadWithHttp(`${site.origin}/big`, false)).toMatchObject({
      outcome: 'skipped',
      level: 'warn'
    })
    // 404 and 410 are the site's dead links, not errors (issue 8); other 4xx still are.
    expect(await loader.loadWithHttp(`${site.origin}/gone`, false)).toEqual({
      outcome: 'dead',
      level: 'info',
      message: `Dead link: GET ${site.origin}/gone answered 410 Gone`
    })
    expect(await loader.loadWithHttp(`${site.origin}/missing`, false)).toEqual({
      outcome: 'dead',
      level: 'info',
      message: `Dead link: GET ${site.origin}/missing answered 404 Not Found`
    })
    expect(await loader.loadWithHttp(`${site.origin}/forbidden`, false)).toEqual({
      outcome: 'failed',
      level: 'warn',
      message: `GET ${site.origin}/forbidden failed: 403 Forbidden`
    })
    expect(site.requests).not.toContain('/private/x')
  })

  it('tries to launch a browser once, and then reports pages that need one as failed', async () => {
    const site = await startFixtureSite({ '/': contentPage('Home', []) })
    sites.push(site)
    const { loader, logged, browser } = loaderFor(site)
    expect(loader.browserProblem).toBeNull()
    for (const path of ['/a', '/b']) {
      expect(await loader.loadWithBrowser(`${site.origin}${path}`)).toEqual({
        outcome: 'failed',
        level: 'warn',
        message: `${site.origin}${path} needs a browser, and none is available`
      })
    }
    expect(browser.requests).toBe(1)
    expect(loader.browserProblem).toBe('no browser in this test')
    expect(logged).toEqual([
      'error: Cannot open pages that need JavaScript: no browser in this test'
    ])
    await loader.close()
  })

  it('tells dead links from failed pages in the browser as over HTTP', async () => {
    const site = await startFixtureSite({
      '/': contentPage('Home', []),
      '/gone': { status: 410, body: 'gone' },
      '/forbidden': { status: 403, body: 'forbidden' }
    })
    sites.push(site)
    const { loader } = loaderFor(site, { browser: chromium })
    expect(await loader.loadWithBrowser(site.url)).toMatchObject({ via: 'browser' })
    expect(await loader.loadWithBrowser(`${site.origin}/gone`)).toEqual({
      outcome: 'dead',
      level: 'info',
      message: `Dead link: GET ${site.origin}/gone (browser) answered 410 Gone`
    })
    expect(await loader.loadWithBrowser(`${site.origin}/forbidden`)).toEqual({
      outcome: 'failed',
      level: 'warn',
      message: `GET ${site.origin}/forbidden (browser) failed: 403 Forbidden`
    })
    await loader.close()
  })
})
