import { describe, expect, it } from 'vitest'
import { httpGet } from '../../../src/scraper/fetch/http-get'
import { startFixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

describe('httpGet', () => {
  it('follows redirects by hand, counting them and asking before each hop', async () => {
    const site = await startFixtureSite({
      '/a': { status: 301, headers: { location: '/b' } },
      '/b': { status: 302, headers: { location: '/c?x=1' } },
      '/c': '<p>here</p>',
      '/away': { status: 302, headers: { location: 'http://localhost:9/' } }
    })
    sites.push(site)
    const ok = await httpGet(`${site.origin}/a`)
    expect(ok).toMatchObject({
      kind: 'response',
      status: 200,
      url: `${site.origin}/c?x=1`,
      redirects: 2
    })
    const refused = await httpGet(`${site.origin}/away`, {
      checkRedirect: (_from, to) => (to.includes('localhost') ? 'on another site' : null)
    })
    expect(refused).toMatchObject({ kind: 'failure', reason: 'redirect-refused' })
    const capped = await httpGet(`${site.origin}/a`, { maxRedirects: 1 })
    expect(capped).toMatchObject({ kind: 'failure', reason: 'too-many-redirects' })
  })

  it('abandons a body over the size cap, declared or streamed', async () => {
    const body = 'x'.repeat(200_000)
    const site = await startFixtureSite({
      '/declared': { body },
      '/streamed': { body, chunked: true }
    })
    sites.push(site)
    for (const path of ['/declared', '/streamed']) {
      const result = await httpGet(`${site.origin}${path}`, { maxBytes: 100_000 })
      expect(result).toMatchObject({ kind: 'failure', reason: 'too-large' })
    }
  })

  it('times out a page that never answers, and tells a stop from a timeout', async () => {
    const site = await startFixtureSite({ '/hang': { hang: true } })
    sites.push(site)
    // The page never answers, so any answer at all is the timeout's (or the stop's) doing.
    const timedOut = await httpGet(`${site.origin}/hang`, { timeoutMs: 300 })
    expect(timedOut).toMatchObject({ kind: 'failure', reason: 'timeout' })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const stopped = await httpGet(`${site.origin}/hang`, { signal: controller.signal })
    expect(stopped).toMatchObject({ kind: 'failure', reason: 'aborted' })
  })

  it('does not download a body whose type is refused', async () => {
    const site = await startFixtureSite({
      '/file': { contentType: 'application/pdf', body: Buffer.alloc(50_000) }
    })
    sites.push(site)
    const result = await httpGet(`${site.origin}/file`, {
      acceptContentType: (type) => type?.startsWith('text/html') === true
    })
    expect(result).toMatchObject({ kind: 'response', status: 200, skippedType: true })
  })
})
