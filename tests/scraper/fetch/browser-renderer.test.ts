import { describe, expect, it } from 'vitest'
import { chromiumLaunchArgs } from '../../../src/scraper/fetch/browser-provider'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import { useBrowserAndSites } from '../../support/browser-test-setup'
import { startFixtureSite } from '../../support/fixture-sites'

const { provider, sites } = useBrowserAndSites()

describe('createBrowserProvider and createBrowserRenderer', () => {
  it('launches one Chromium lazily, with the crawler flags, and shares it', async () => {
    expect(chromiumLaunchArgs).toEqual(expect.arrayContaining(['--disable-gpu', '--disable-sync']))
    // The sandbox is decided per machine (decideChromiumSandbox), never switched off for all.
    expect(chromiumLaunchArgs).not.toContain('--no-sandbox')
    const [a, b] = await Promise.all([provider.get(), provider.get()])
    expect(a).toBe(b)
    expect(a.isConnected()).toBe(true)
  })

  it('renders scripts, blocks images, fonts and disallowed requests, and stops at once', async () => {
    // Stopped as soon as the slow page is asked for: an event, not a guess at how long that takes.
    const controller = new AbortController()
    const site = await startFixtureSite({
      '/':
        '<html><body><div id="out"></div><img src="/pic.png">' +
        '<script>fetch("/data.json").then(r => r.json()).then(d => { document.getElementById("out").textContent = d.word })' +
        '; fetch("/secret.json").catch(() => {})</script></body></html>',
      '/data.json': { body: '{"word":"rendered"}' },
      '/secret.json': { body: '{}' },
      '/pic.png': { contentType: 'image/png', body: Buffer.alloc(10) },
      '/slow': () => {
        controller.abort()
        return { hang: true }
      }
    })
    sites.push(site)
    const renderer = createBrowserRenderer({
      provider,
      allowRequest: (url) => !url.includes('/secret')
    })
    const page = await renderer.render(site.url)
    expect(page).toMatchObject({ kind: 'rendered', status: 200, url: site.url })
    expect(page.kind === 'rendered' && page.html).toContain('<div id="out">rendered</div>')
    expect(site.requests).not.toContain('/pic.png')
    expect(site.requests).not.toContain('/secret.json')

    const stopped = await renderer.render(`${site.origin}/slow`, controller.signal)
    expect(stopped).toMatchObject({ kind: 'failure', reason: 'aborted' })
    await renderer.close()
  })
})
