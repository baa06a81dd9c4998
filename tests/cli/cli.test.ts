import { execFile } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/store/catalog-store'
import { sitemapBrandSite } from '../support/brand-sites'
import { startFixtureSite, type FixtureSite } from '../support/fixture-sites/start-fixture-site'
import { runCli, startCli } from '../support/run-cli'
import { makeTempDir } from '../support/temp-dir'

const temp = makeTempDir('brand-scraper-cli-')
const db = join(temp.dir, 'catalog.db')
let site: FixtureSite
let slowSite: FixtureSite

beforeAll(async () => {
  site = await startFixtureSite(sitemapBrandSite({ products: 4, prefix: 'Cli Monitor' }).routes)
  slowSite = await startFixtureSite(sitemapBrandSite({ products: 30, productDelayMs: 300 }).routes)
})
afterAll(async () => {
  await site.close()
  await slowSite.close()
  temp.cleanup()
})

describe('CLI errors', () => {
  const wrong: string[][] = [
    ['bogus'],
    ['--db'],
    ['worker', '--mode', 'sometimes'],
    ['worker', '--mode', 'once', '--delay', 'soon'],
    ['worker', '--mode', 'continuous', '--brand', 'KRK Systems'],
    ['worker', '--mode', 'once', '--frobnicate'],
    ['worker', '--mode', 'continuous', '--workers', '0'],
    ['worker', '--mode', 'continuous', '--workers', '17'],
    ['worker', '--brand', 'KRK Systems', '--workers', '2'],
    ['serve', '--worker', 'sometimes'],
    ['brands'],
    ['brands', 'add', 'Only A Name'],
    ['brands', 'add', 'Bad URL', 'not-a-url'],
    ['brands', 'import', join(temp.dir, 'missing.json')],
    ['products', 'export', '--format', 'xml'],
    ['serve', '--port', 'eighty']
  ]
  it.each(wrong)('%j prints one line, exits 2 and changes nothing', async (...args) => {
    const other = join(temp.dir, `untouched-${args.join('-').replace(/\W+/g, '_')}.db`)
    const result = await runCli([...args, '--db', other])
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^brand-scraper: /)
    expect(result.stdout).toBe('')
    if (!['brands', 'products'].includes(args[0]!) || args.length < 3) {
      expect(existsSync(other)).toBe(false)
    }
  })

  it('help prints the usage; no command is an error', async () => {
    const help = await runCli(['help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: npm run cli -- <command>/)
    const none = await runCli([])
    expect(none.code).toBe(2)
    expect(none.stdout).toBe('')
    expect(none.stderr).toMatch(/Usage:/)
  })

  it('names the known brands when a brand is unknown', async () => {
    const result = await runCli(['brands', 'remove', 'Nobody', '--db', db])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Unknown brand "Nobody"\. Known brands include/)
  })
})

describe('CLI commands', () => {
  it('seeds a new catalog with real brands, and lists them as JSON', async () => {
    const result = await runCli(['brands', 'list', '--json', '--db', db])
    expect(result.code).toBe(0)
    const brands = JSON.parse(result.stdout) as Array<{ name: string; website: string }>
    expect(brands.length).toBeGreaterThanOrEqual(20)
    expect(brands.find((b) => b.name === 'KRK Systems')?.website).toMatch(
      /^https:\/\/www\.krkmusic\.com/
    )
  })

  it('adds, imports and removes brands', async () => {
    expect(
      (await runCli(['brands', 'add', 'Cli Audio', site.url, '--priority', '50', '--db', db])).code
    ).toBe(0)
    const json = join(temp.dir, 'brands.json')
    writeFileSync(json, JSON.stringify([{ name: 'Json Brand', website: 'https://json.test/' }]))
    const csv = join(temp.dir, 'brands.csv')
    writeFileSync(
      csv,
      'name,website,enabled\nCsv Brand,https://csv.test/,false\nJson Brand,https://json2.test/,true\n'
    )
    expect((await runCli(['brands', 'import', json, '--db', db])).stdout).toMatch(
      /1 added, 0 updated/
    )
    expect((await runCli(['brands', 'import', csv, '--db', db])).stdout).toMatch(
      /1 added, 1 updated/
    )
    const bad = join(temp.dir, 'bad.csv')
    writeFileSync(bad, 'title,url\nX,https://x.test/\n')
    const refused = await runCli(['brands', 'import', bad, '--db', db])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/header row/)
    expect((await runCli(['brands', 'remove', 'csv brand', '--db', db])).code).toBe(0)
    const store = CatalogStore.open(db)
    expect(store.brands.findByName('Json Brand')?.website).toBe('https://json2.test/')
    expect(store.brands.findByName('Csv Brand')).toBeUndefined()
    store.close()
  })

  it('worker --mode once scrapes the next brand, logging to stdout', async () => {
    const result = await runCli(['worker', '--mode', 'once', '--min-delay', '0', '--db', db])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/Started the worker \(pid \d+\) in once mode/)
    expect(result.stdout).toMatch(
      /\[Cli Audio\] Cli Audio: succeeded\. \d+ pages, 4 products \(4 new/
    )
  })

  it('products export writes JSON with the documented fields and types, and CSV', async () => {
    const result = await runCli(['products', 'export', '--brand', 'cli audio', '--db', db])
    expect(result.code).toBe(0)
    const products = JSON.parse(result.stdout) as Record<string, unknown>[]
    expect(products).toHaveLength(4)
    expect(Object.keys(products[0]!).sort()).toEqual(
      [
        'availability',
        'brand',
        'category',
        'currency',
        'description',
        'first_seen_at',
        'gtin',
        'images',
        'last_seen_at',
        'mpn',
        'name',
        'price',
        'sku',
        'specs',
        'stated_brand',
        'url'
      ].sort()
    )
    expect(products[0]).toMatchObject({
      brand: 'Cli Audio',
      // The brand the page itself states (its JSON-LD) is kept beside the catalog's.
      stated_brand: 'Fixture Audio',
      name: 'Cli Monitor 1',
      price: 10.5,
      currency: 'EUR'
    })
    expect(Array.isArray(products[0]!.images)).toBe(true)
    expect(typeof products[0]!.specs).toBe('object')

    const out = join(temp.dir, 'products.csv')
    const csv = await runCli(['products', 'export', '--format', 'csv', '--out', out, '--db', db])
    expect(csv.code).toBe(0)
    expect(csv.stdout).toBe('')
    expect(csv.stderr).toMatch(/Exported 4 products/)
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'brand,url,name,stated_brand,sku,mpn,gtin,price,currency,availability,description,category,images,specs,first_seen_at,last_seen_at'
    )
  })

  it('status shows each brand with its counts and last run', async () => {
    const result = await runCli(['status', '--db', db])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^BRAND\s+PRODUCTS/)
    expect(result.stdout).toMatch(/Cli Audio\s+4\s+0\s+succeeded/)
    // A success makes the brand due again a day later; brands never scraped are due now.
    const due = (name: string): string | undefined =>
      result.stdout.match(new RegExp(`^${name}\\s.*?(\\S+ \\S+|now)$`, 'm'))?.[1]
    const cliAudioDue = Date.parse(`${due('Cli Audio')!.replace(' ', 'T')}Z`)
    expect(cliAudioDue).toBeGreaterThan(Date.now() + 23 * 3_600_000)
    expect(due('KRK Systems')).toBe('now')
  })

  it('a continuous worker stops cleanly on SIGTERM', async () => {
    const slowDb = join(temp.dir, 'slow.db')
    expect(
      (
        await runCli([
          'brands',
          'add',
          'Slow Audio',
          slowSite.url,
          '--priority',
          '99',
          '--db',
          slowDb
        ])
      ).code
    ).toBe(0)
    const cli = startCli([
      'worker',
      '--mode',
      'continuous',
      '--delay',
      '5',
      '--min-delay',
      '0',
      '--db',
      slowDb
    ])
    const deadline = Date.now() + 30_000
    while (
      !/Product .* \(new\)|products/.test(cli.stdout()) ||
      !/Scraping Slow Audio/.test(cli.stdout())
    ) {
      if (Date.now() > deadline) throw new Error(`worker did not start scraping: ${cli.stdout()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    cli.child.kill('SIGTERM')
    const result = await cli.done
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/SIGTERM: stopping gracefully/)
    expect(result.stdout).toMatch(/Slow Audio: stopped/)
    const store = CatalogStore.open(slowDb)
    expect(store.runs.list({ limit: 1 })[0]?.status).toBe('stopped')
    store.close()
  })

  it('npm run --silent cli prints only the command output on stdout', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'cli', '--', 'brands', 'list', '--json', '--db', db],
      {
        cwd: join(__dirname, '..', '..')
      }
    )
    expect(() => JSON.parse(stdout)).not.toThrow()
  })
})
