import { describe, expect, it } from 'vitest'
import { applyRobotsRules, loadRobotsRules } from '../../../src/scraper/crawl/robots-rules'
import { createPoliteFetcher, type PoliteFetcher } from '../../../src/scraper/fetch/polite-fetcher'
import { createPolitenessGate } from '../../../src/scraper/fetch/politeness-gate'
import { startFixtureSite, type FixtureRoutes, type FixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

async function serve(routes: FixtureRoutes): Promise<FixtureSite> {
  const site = await startFixtureSite(routes)
  sites.push(site)
  return site
}

/**
 * A real fetcher for the brand site at `siteUrl`, asking once: the retries of a 5xx are the
 * fetcher's business, tested there.
 */
function fetcher(siteUrl: string): PoliteFetcher {
  const signal = new AbortController().signal
  const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 0, signal })
  return createPoliteFetcher({
    gate,
    signal,
    log: () => undefined,
    maxAttempts: 1,
    trustedOrigin: siteUrl
  })
}

describe('loadRobotsRules', () => {
  it('reads the group for our agent, its Crawl-delay and the sitemaps, for every origin of the site', async () => {
    const site = await serve({
      '/robots.txt':
        '\uFEFFUser-agent: *\nDisallow: /private/\nCrawl-delay: 5\n\n' +
        'User-agent: BrandScraper\nDisallow: /members/\nCrawl-delay: 1.5\n\n' +
        'Sitemap: {{origin}}/sitemap.xml\nSitemap: {{origin}}/more.xml\n'
    })
    const loaded = await loadRobotsRules(site.url, fetcher(site.url))
    if (loaded.kind !== 'rules') throw new Error(loaded.message)
    const rules = loaded.rules
    expect(rules.summary).toBe(`Read ${site.origin}/robots.txt`)
    expect(rules.crawlDelayMs).toBe(1_500)
    expect(rules.sitemaps).toEqual([`${site.origin}/sitemap.xml`, `${site.origin}/more.xml`])
    // Our group replaces `*`: /members/ is off limits, /private/ is not (RFC 9309 §2.2.1).
    expect(rules.isAllowed(`${site.origin}/members/list`)).toBe(false)
    expect(rules.isAllowed(`${site.origin}/private/x`)).toBe(true)
    expect(rules.isAllowed(`${site.origin}/products/1`)).toBe(true)
    // The same rules hold for the site's other spelling (https, on the default port).
    expect(rules.isAllowed(`https://${new URL(site.url).hostname}/members/list`)).toBe(false)
  })

  it('allows everything when there is no robots.txt, or it cannot be reached through redirects', async () => {
    const missing = await serve({})
    const none = await loadRobotsRules(missing.url, fetcher(missing.url))
    expect(none).toMatchObject({ kind: 'rules' })
    if (none.kind !== 'rules') return
    expect(none.rules.summary).toBe('No robots.txt (404 Not Found): every page is allowed')
    expect(none.rules.isAllowed(`${missing.origin}/anything`)).toBe(true)
    expect(none.rules.crawlDelayMs).toBeNull()

    const looping = await serve({
      '/robots.txt': { status: 302, headers: { location: '/robots-2.txt' } },
      '/robots-2.txt': { status: 302, headers: { location: '/robots.txt' } }
    })
    const loop = await loadRobotsRules(looping.url, fetcher(looping.url))
    expect(loop.kind === 'rules' && loop.rules.summary).toMatch(
      /^robots\.txt not found \(redirect loop/
    )
  })

  it('is fatal when robots.txt answers 5xx, or the site cannot be reached', async () => {
    const down = await serve({ '/robots.txt': { status: 503, body: 'down' } })
    const unavailable = await loadRobotsRules(down.url, fetcher(down.url))
    expect(unavailable).toEqual({
      kind: 'fatal',
      message: expect.stringMatching(/robots\.txt answered 503 Service Unavailable: under RFC 9309/)
    })

    const gone = await serve({})
    await gone.close()
    const unreachable = await loadRobotsRules(gone.url, fetcher(gone.url))
    expect(unreachable.kind === 'fatal' && unreachable.message).toContain(
      `Could not reach ${gone.origin} (connection refused)`
    )
  })
})

describe('applyRobotsRules', () => {
  it('raises the gate to a longer Crawl-delay and says so, and keeps a longer spacing', () => {
    const signal = new AbortController().signal
    const logged: string[] = []
    const log = (_level: string, message: string): number => logged.push(message)
    const rules = { isAllowed: () => true, crawlDelayMs: 2_000, sitemaps: [], summary: 'Read it' }
    const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 250, signal })
    applyRobotsRules(rules, gate, log)
    expect(gate.minDelayMs).toBe(2_000)
    expect(logged).toEqual([
      'Read it',
      'robots.txt asks for a Crawl-delay of 2 s: waiting that long between requests'
    ])
    const slower = createPolitenessGate({ concurrency: 1, minDelayMs: 5_000, signal })
    applyRobotsRules(rules, slower, () => undefined)
    expect(slower.minDelayMs).toBe(5_000)
  })
})
