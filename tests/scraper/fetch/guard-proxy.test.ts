import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  startGuardProxy,
  type GuardProxy,
  type GuardProxyOptions
} from '../../../src/scraper/fetch/guard-proxy'
import { startFixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

/** What a GET of `url` through the proxy at `proxyUrl` received, and whether it ended whole. */
function getThrough(proxyUrl: string, url: string): Promise<{ bytes: number; whole: boolean }> {
  const proxy = new URL(proxyUrl)
  return new Promise((resolve, reject) => {
    // Proxy form: the absolute URL as the request target, as Chromium sends it.
    const outgoing = request({ host: proxy.hostname, port: proxy.port, path: url }, (response) => {
      let bytes = 0
      response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength))
      response.on('end', () => resolve({ bytes, whole: true }))
      response.on('error', () => resolve({ bytes, whole: false }))
      response.on('aborted', () => resolve({ bytes, whole: false }))
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

/** A proxy for the test's site (loopback, so trusted), recording what it refuses and cuts. */
async function proxyFor(
  origin: string,
  options: Partial<GuardProxyOptions> = {}
): Promise<{ proxy: GuardProxy; refused: string[]; cut: string[] }> {
  const refused: string[] = []
  const cut: string[] = []
  const proxy = await startGuardProxy({
    trustedOrigins: new Set([origin]),
    onRefused: (url, reason) => refused.push(`${url}: ${reason}`),
    onCut: (url) => cut.push(url),
    ...options
  })
  return { proxy, refused, cut }
}

describe('startGuardProxy', () => {
  it('cuts a plain-HTTP response over the cap, and names it to onCut and onRefused', async () => {
    const site = await startFixtureSite({
      '/big.json': { body: 'x'.repeat(300_000), chunked: true }
    })
    sites.push(site)
    const { proxy, refused, cut } = await proxyFor(site.origin, { maxResponseBytes: 100_000 })
    try {
      const got = await getThrough(proxy.url, `${site.origin}/big.json`)
      // Cut: no clean end, and nowhere near the whole body.
      expect(got.whole).toBe(false)
      expect(got.bytes).toBeLessThan(300_000)
      expect(cut).toEqual([`${site.origin}/big.json`])
      expect(refused).toEqual([`${site.origin}/big.json: response over the 97.7 KB limit, cut`])
    } finally {
      await proxy.close()
    }
  })

  it('passes a response under the cap whole, cutting nothing', async () => {
    const site = await startFixtureSite({
      '/fine.json': { body: 'y'.repeat(50_000), chunked: true }
    })
    sites.push(site)
    const { proxy, refused, cut } = await proxyFor(site.origin, { maxResponseBytes: 100_000 })
    try {
      expect(await getThrough(proxy.url, `${site.origin}/fine.json`)).toEqual({
        bytes: 50_000,
        whole: true
      })
      expect(cut).toEqual([])
      expect(refused).toEqual([])
    } finally {
      await proxy.close()
    }
  })
})
