import { describe, expect, it } from 'vitest'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import { useBrowserAndSites } from '../../support/browser-test-setup'
import { startFixtureSite } from '../../support/fixture-sites'

const { provider, sites } = useBrowserAndSites()

describe('the browser renderer network guard', () => {
  it("blocks a page's POST and its requests to another loopback port, and says so", async () => {
    // B stands for the control API (or anything on the user's machine or network).
    const internal = await startFixtureSite({ '/*': '{}' })
    sites.push(internal)
    const b = internal.origin
    const brand = await startFixtureSite({
      '/':
        '<html><body><div id="out">waiting</div><script>' +
        `fetch("${b}/api/worker/stop", { method: "POST", mode: "no-cors" }).catch(() => {});` +
        `fetch("${b}/api/brands").catch(() => {});` +
        'fetch("/own-post", { method: "POST", body: "x" }).catch(() => {});' +
        'fetch("/hop").catch(() => {});' +
        'fetch("/data.json").then(r => r.json()).then(d => { document.getElementById("out").textContent = d.word })' +
        `</script><iframe src="${b}/frame"></iframe></body></html>`,
      '/data.json': { body: '{"word":"own origin works"}' },
      '/own-post': '{}',
      // A redirect hop, which Playwright's routing never sees: the guard proxy refuses it.
      '/hop': { status: 302, headers: { location: `${b}/hopped` } }
    })
    sites.push(brand)
    const refused: string[] = []
    const renderer = createBrowserRenderer({
      provider,
      trustedOrigin: brand.url,
      onRefused: (url, reason) => refused.push(`${url}: ${reason}`)
    })
    const page = await renderer.render(brand.url)
    await renderer.close()
    expect(page).toMatchObject({ kind: 'rendered', status: 200 })
    // The brand's own loopback origin still loads, scripts and data included.
    expect(page.kind === 'rendered' && page.html).toContain('own origin works')
    expect(internal.requests).toEqual([])
    expect(brand.requests).not.toContain('/own-post')
    const text = refused.join('\n')
    expect(text).toContain(`${b}/api/worker/stop: POST refused: pages may only GET or HEAD`)
    expect(text).toMatch(new RegExp(`${b}/api/brands: .*a loopback address`))
    expect(text).toContain('/own-post: POST refused')
    expect(text).toMatch(new RegExp(`${b}/hopped: .*a loopback address`))
  })
})
