import { describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import { CrawlFrontier } from '../../../src/scraper/crawl/crawl-frontier'
import { createPoliteFetcher } from '../../../src/scraper/fetch/polite-fetcher'
import { createPolitenessGate } from '../../../src/scraper/fetch/politeness-gate'
import { createRecordingContext, startFixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

describe('traps are reported with their URL and reason', () => {
  it('reports a path trap once, naming the first URL held back', () => {
    const traps: Array<[string, string]> = []
    const frontier = new CrawlFrontier({
      siteUrl: 'https://www.brand.test/',
      shapeCap: 3,
      onTrap: (url, reason) => traps.push([url, reason])
    })
    for (let day = 1; day <= 10; day++) {
      frontier.offer(`https://www.brand.test/calendar/2026/${day}`, 1, 'link')
    }
    expect(traps).toHaveLength(1)
    expect(traps[0]?.[0]).toBe('https://www.brand.test/calendar/2026/4')
    expect(traps[0]?.[1]).toMatch(/more than 3 pages shaped like .* a likely path trap/)
  })

  it('logs a binary page and malformed JSON-LD with their URL', async () => {
    const site = await startFixtureSite({
      '/': '<html><body><a href="/bin">bin</a><a href="/bad-ld">ld</a></body></html>',
      '/bin': {
        contentType: 'text/html',
        body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])
      },
      '/bad-ld':
        '<html><head><script type="application/ld+json">{"@type": "Product", "name": </script>' +
        '</head><body><p>broken</p></body></html>'
    })
    sites.push(site)
    const run = createRecordingContext(site.url)
    await crawlBrand(run.ctx)
    expect(run.logText()).toContain(
      `Skipped ${site.origin}/bin: binary content, not an HTML page (served as text/html)`
    )
    expect(run.logText()).toContain(
      `Malformed JSON-LD on ${site.origin}/bad-ld: 1 of 1 block cannot be read as JSON`
    )
  })

  it('bounds a drip-fed page by one deadline and does not ask for it again', async () => {
    const site = await startFixtureSite({
      '/drip': { body: 'x'.repeat(10_000), dripMs: 20 },
      '/hang': { hang: true }
    })
    sites.push(site)
    const signal = new AbortController().signal
    const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 0, signal })
    const logged: string[] = []
    const fetcher = createPoliteFetcher({
      gate,
      signal,
      log: (_level, message) => logged.push(message),
      maxAttempts: 3,
      backoffBaseMs: 10,
      trustedOrigin: site.url
    })
    const dripped = await fetcher.get(`${site.origin}/drip`, { timeoutMs: 300 })
    expect(dripped).toMatchObject({ kind: 'failure', reason: 'timeout', answered: true })
    expect(dripped.kind === 'failure' && dripped.message).toBe(
      'timed out after 300 ms while the page was being sent'
    )
    expect(site.countOf('/drip')).toBe(1)
    // A server that never answered may be busy: that one is still asked again.
    const hung = await fetcher.get(`${site.origin}/hang`, { timeoutMs: 200 })
    expect(hung).toMatchObject({ kind: 'failure', reason: 'timeout', answered: false })
    expect(site.countOf('/hang')).toBe(3)
    expect(logged.filter((line) => line.includes('/drip'))).toEqual([])
  })
})
