import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/store/catalog-store'
import { jsonLdProductPage } from '../support/fixture-sites/fixture-html'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites/start-fixture-site'
import { runCli } from '../support/run-cli'
import { makeTempDir } from '../support/temp-dir'

/** Sets the terminal title, clears the screen and writes the clipboard (OSC 52) when printed. */
const attack = '\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07'
// C0 (tab and newline aside), DEL, C1.
// eslint-disable-next-line no-control-regex
const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/

const formulaName = '=HYPERLINK("http://evil.test/","Click")'

const temp = makeTempDir('brand-scraper-cli-escape-')
const db = join(temp.dir, 'catalog.db')
let site: FixtureSite

beforeAll(async () => {
  const page = jsonLdProductPage({ name: `Hostile Lamp${attack}`, sku: `HL-1${attack}`, price: 5 })
  site = await startFixtureSite({
    '/robots.txt': { body: 'User-agent: *\nAllow: /\n', contentType: 'text/plain' },
    '/': `<html><body><h1>Hostile</h1><a href="/lamp">Lamp${attack}</a>
      <a href="/formula">Formula</a></body></html>`,
    '/lamp': page,
    // A product whose text a spreadsheet would run (item 9: CSV formula injection).
    '/formula': jsonLdProductPage({
      name: formulaName,
      sku: '@SUM(A1:A9)',
      price: 7,
      description: '+1+cmd|" /C calc"!A0'
    })
  })
})
afterAll(async () => {
  await site.close()
  temp.cleanup()
})

describe('scraped text a user reads from the CLI', () => {
  it('worker output of a crawl of a product named with escapes holds no control character', async () => {
    const added = await runCli(['brands', 'add', 'Escape Audio', site.url, '--db', db])
    expect(added.code).toBe(0)
    const result = await runCli([
      'worker',
      '--brand',
      'Escape Audio',
      '--min-delay',
      '0',
      '--db',
      db
    ])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Escape Audio: succeeded\. \d+ pages, 2 products/)
    // The debug line quotes the scraped name: the escapes were really there to be printed.
    expect(result.stdout).toContain('Product Hostile Lamp at')
    expect(result.stdout).not.toContain('\x1b')
    expect(result.stdout).not.toMatch(control)
    expect(result.stderr).not.toContain('\x1b')
    const store = CatalogStore.open(db)
    try {
      const names = store.products
        .list({ limit: 10, offset: 0, sort: 'name', order: 'asc', includeMissing: true })
        .items.map((product) => [product.name, product.sku])
      expect(names).toEqual([
        [formulaName, '@SUM(A1:A9)'],
        ['Hostile Lamp', 'HL-1']
      ])
      const messages = store.logs.list({ limit: 1000 }).map((entry) => entry.message)
      for (const message of messages) expect(message).not.toMatch(control)
    } finally {
      store.close()
    }
  })

  it('products export --format csv of a crafted product neutralises formulas', async () => {
    const result = await runCli(['products', 'export', '--format', 'csv', '--db', db])
    expect(result.code).toBe(0)
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[]
    const crafted = rows.find((row) => row.name!.includes('HYPERLINK'))
    expect(crafted).toMatchObject({
      name: `'${formulaName}`,
      sku: "'@SUM(A1:A9)",
      description: `'+1+cmd|" /C calc"!A0`
    })
    expect(result.stdout).not.toContain('\x1b')
  })
})
