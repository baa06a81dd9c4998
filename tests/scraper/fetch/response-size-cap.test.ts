import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { createBrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import {
  makeTestCertificate,
  startHttpsFixtureSite,
  type HttpsFixtureSite
} from '../../support/https-fixture-site'
import { makeTempDir } from '../../support/temp-dir'

const temp = makeTempDir('response-cap-')
const certificate = makeTestCertificate(temp.dir)
// Chromium accepts this test's self-signed certificate, and no other.
const provider = createBrowserProvider({ acceptCertificateKeys: [certificate.spkiSha256] })
const sites: HttpsFixtureSite[] = []
const hugeBytes = 30 * 1024 * 1024

afterEach(async () => {
  await Promise.all(sites.splice(0).map((site) => site.close()))
})

afterAll(async () => {
  await provider.close()
  temp.cleanup()
})

/** A page whose script fetches `path` and only then writes what it got. */
function fetchingPage(path: string): string {
  return (
    '<html><body><div id="out">waiting</div><script>' +
    `fetch(${JSON.stringify(path)}).then((r) => r.text())` +
    '.then((t) => { document.getElementById("out").textContent = "got " + t.length })' +
    '</script></body></html>'
  )
}

describe('watchResponseSizes, through createBrowserRenderer over HTTPS', () => {
  it('refuses a page with any response over the cap, HTTPS included, and renders the rest', async () => {
    const site = await startHttpsFixtureSite(
      {
        '/': '<html><body><p id="ok">small page</p></body></html>',
        // A page carrying a 30 MB data blob, as script-built shops do (parsed quickly, so its
        // size is what stops it; see the crawl test for the time limit of slow ones).
        '/huge': {
          streamBytes: hugeBytes,
          contentType: 'text/html',
          prefix: '<html><body><script type="application/json">',
          fill: '1234567890'
        },
        '/declares-huge': fetchingPage('/data/declared.bin'),
        '/data/declared.bin': {
          streamBytes: hugeBytes,
          contentType: 'application/octet-stream',
          declare: true
        },
        '/fetches-huge': fetchingPage('/data/huge.json'),
        '/data/huge.json': { streamBytes: hugeBytes, contentType: 'application/json' }
      },
      certificate
    )
    sites.push(site)
    const renderer = createBrowserRenderer({ provider, timeoutMs: 30_000 })
    const small = await renderer.render(site.url)
    const huge = await renderer.render(`${site.origin}/huge`)
    const declared = await renderer.render(`${site.origin}/declares-huge`)
    const fetched = await renderer.render(`${site.origin}/fetches-huge`)
    const after = await renderer.render(site.url)
    await renderer.close()

    expect(small.kind === 'rendered' && small.html).toContain('<p id="ok">small page</p>')
    expect(huge).toEqual({
      kind: 'failure',
      reason: 'too-large',
      message: `response over 10 MB — skipped (${site.origin}/huge)`
    })
    expect(declared).toEqual({
      kind: 'failure',
      reason: 'too-large',
      message: `response over 10 MB — skipped (${site.origin}/data/declared.bin)`
    })
    expect(fetched).toEqual({
      kind: 'failure',
      reason: 'too-large',
      message: `response over 10 MB — skipped (${site.origin}/data/huge.json)`
    })
    // The tabs closed over the cap are replaced: the next page renders as before.
    expect(after.kind === 'rendered' && after.html).toContain('<p id="ok">small page</p>')
  })

  it('gives pages no Web Workers, whose loads the cap could not count', async () => {
    const site = await startHttpsFixtureSite(
      {
        '/':
          '<html><body><div id="out">waiting</div><script>' +
          'let said = typeof Worker + " " + typeof SharedWorker; try { new Worker("/worker.js") }' +
          ' catch (error) { said += " refused" } document.getElementById("out").textContent = said' +
          '</script></body></html>',
        '/worker.js': 'fetch("/data/huge.json").then((r) => r.text())',
        '/data/huge.json': { streamBytes: hugeBytes, contentType: 'application/json' }
      },
      certificate
    )
    sites.push(site)
    const renderer = createBrowserRenderer({ provider })
    const page = await renderer.render(site.url)
    await renderer.close()
    expect(page.kind === 'rendered' && page.html).toContain(
      '<div id="out">undefined undefined refused</div>'
    )
    expect(site.requests).not.toContain('/worker.js')
    expect(site.requests).not.toContain('/data/huge.json')
  })

  it('lets a page whose responses stay under the cap through', async () => {
    const site = await startHttpsFixtureSite(
      {
        '/': fetchingPage('/data/fine.json'),
        '/data/fine.json': { streamBytes: 200_000, contentType: 'application/json' }
      },
      certificate
    )
    sites.push(site)
    const renderer = createBrowserRenderer({ provider, maxResponseBytes: 300_000 })
    const page = await renderer.render(site.url)
    await renderer.close()
    expect(page.kind === 'rendered' && page.html).toContain('<div id="out">got 200000</div>')
  })
})
