import { describe, expect, it } from 'vitest'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import { useBrowserAndSites } from '../../support/browser-test-setup'
import { startFixtureSite } from '../../support/fixture-sites'

const { provider, sites } = useBrowserAndSites()

describe('browser caps', () => {
  it('cuts a plain-HTTP response over the size cap, refuses its page and says so', async () => {
    const site = await startFixtureSite({
      '/':
        '<html><body><div id="out">none</div><script>' +
        'fetch("/big.json").then(r => r.text()).then(t => { document.getElementById("out").textContent = "got " + t.length })' +
        '.catch(() => { document.getElementById("out").textContent = "cut" })</script></body></html>',
      '/big.json': { body: 'x'.repeat(300_000), chunked: true }
    })
    sites.push(site)
    const refused: string[] = []
    const renderer = createBrowserRenderer({
      provider,
      maxResponseBytes: 100_000,
      onRefused: (url, reason) => refused.push(`${url}: ${reason}`)
    })
    const page = await renderer.render(site.url)
    await renderer.close()
    // The proxy cut it (plain HTTP), and the browser saw it go over: the page is refused.
    expect(page).toEqual({
      kind: 'failure',
      reason: 'too-large',
      message: `response over 97.7 KB — skipped (${site.origin}/big.json)`
    })
    expect(refused).toEqual([`${site.origin}/big.json: response over the 97.7 KB limit, cut`])
  })

  it('keeps no more pages open at once than allowed', async () => {
    let inFlight = 0
    let most = 0
    const site = await startFixtureSite({
      '/p/*': async () => {
        inFlight++
        most = Math.max(most, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 150))
        inFlight--
        return '<html><body><p>page</p></body></html>'
      }
    })
    sites.push(site)
    const renderer = createBrowserRenderer({ provider, maxOpenPages: 1, recycleAfterPages: 2 })
    const pages = await Promise.all([1, 2, 3].map((n) => renderer.render(`${site.origin}/p/${n}`)))
    await renderer.close()
    expect(pages.map((page) => page.kind)).toEqual(['rendered', 'rendered', 'rendered'])
    expect(most).toBe(1)
  })
})
