import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { htmlPage, jsonLdProductPage } from '../support/fixture-sites/fixture-html'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites/start-fixture-site'
import { runCli } from '../support/run-cli'

const realPages =
  process.env.BRAND_SCRAPER_REAL_PAGES ?? join(__dirname, '../fixtures/real-product-pages')
let site: FixtureSite

beforeAll(async () => {
  site = await startFixtureSite({
    '/static': jsonLdProductPage({
      name: 'Static Speaker',
      sku: 'SS-1',
      price: 1299,
      currency: 'USD'
    }),
    '/about': htmlPage({ title: 'About', body: '<h1>About us</h1><p>We make speakers.</p>' }),
    // The product exists only once the script has run.
    '/app': htmlPage({
      title: 'Loading',
      body: '<div id="root"></div><script src="/app.js"></script>'
    }),
    '/app.js': {
      contentType: 'text/javascript',
      body:
        "const s = document.createElement('script'); s.type = 'application/ld+json';" +
        "s.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: 'Rendered Synth', sku: 'RS-9', offers: { '@type': 'Offer', price: '499.00', priceCurrency: 'EUR' } });" +
        "document.head.appendChild(s); document.getElementById('root').innerHTML = '<h1>Rendered Synth</h1>';"
    }
  })
})
afterAll(() => site.close())

function lines(
  stdout: string
): Array<{ input: string; product: Record<string, unknown> | null; error?: string }> {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
}

describe('cli extract', () => {
  it('prints one JSON line per input: URLs and files, products and non-products', async () => {
    const file = join(realPages, 'msshop-02.html')
    const result = await runCli(['extract', `${site.origin}/static`, `${site.origin}/about`, file])
    expect(result.code, result.stdout + result.stderr).toBe(0)
    const [staticPage, about, real] = lines(result.stdout)
    expect(staticPage).toMatchObject({
      input: `${site.origin}/static`,
      product: { name: 'Static Speaker', price: 1299, currency: 'USD', availability: 'InStock' }
    })
    expect(staticPage!.product).not.toHaveProperty('raw')
    expect(about).toEqual({ input: `${site.origin}/about`, product: null })
    expect(real).toMatchObject({
      input: file,
      product: { name: 'AFA Stainless 33-inch Sink and Semi Pro Faucet Combo', price: 329.99 }
    })
  })

  it('resolves a file against --url', async () => {
    const result = await runCli([
      'extract',
      join(realPages, 'msshop-02.html'),
      '--url',
      'https://www.costco.com/p.html'
    ])
    const [line] = lines(result.stdout)
    expect((line!.product!.images as string[])[0]).toMatch(
      /^https:\/\/images\.costco-static\.com\//
    )
  })

  it('reads the HTML as served unless --render runs the page in Chromium', async () => {
    const served = await runCli(['extract', `${site.origin}/app`])
    expect(lines(served.stdout)[0]!.product).toBeNull()
    const rendered = await runCli(['extract', '--render', `${site.origin}/app`])
    expect(rendered.code, rendered.stdout + rendered.stderr).toBe(0)
    expect(lines(rendered.stdout)[0]!.product).toMatchObject({
      name: 'Rendered Synth',
      price: 499,
      currency: 'EUR'
    })
  })

  it('reports an unreachable URL in its line and exits 1; a missing file is a usage error', async () => {
    const unreachable = await runCli(['extract', 'http://127.0.0.1:9/nothing'])
    expect(unreachable.code).toBe(1)
    expect(lines(unreachable.stdout)[0]).toMatchObject({ product: null, error: expect.any(String) })
    const missing = await runCli(['extract', '/no/such/file.html'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/cannot read \/no\/such\/file\.html: ENOENT/)
    expect((await runCli(['extract', 'a.html', 'b.html', '--url', 'https://x.test/'])).code).toBe(2)
  })
})
