import { closeSync, existsSync, openSync, readdirSync, writeFileSync, ftruncateSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CatalogStore } from '../../src/store/catalog-store'
import { runCli } from '../support/run-cli'
import { makeTempDir } from '../support/temp-dir'

const temp = makeTempDir('brand-scraper-cli-input-')
const db = join(temp.dir, 'catalog.db')

/** How many brands the catalog holds, read directly. */
function brandCount(): number {
  const store = CatalogStore.open(db)
  try {
    return store.brands.list().length
  } finally {
    store.close()
  }
}

beforeAll(async () => {
  expect((await runCli(['brands', 'list', '--db', db])).code).toBe(0)
})
afterAll(() => temp.cleanup())

describe('brands import size cap', () => {
  it('refuses a 54 MB brand list before reading it, like the HTTP import, and adds nothing', async () => {
    const huge = join(temp.dir, 'huge.csv')
    // Sparse: 54 MB on paper, nothing on disk; the size alone must refuse it.
    const fd = openSync(huge, 'w')
    ftruncateSync(fd, 54_000_000)
    closeSync(fd)
    const before = brandCount()
    const result = await runCli(['brands', 'import', huge, '--db', db])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(
      /The brand list is too long: 54,000,000 bytes, over the limit of 10,000,000 bytes\. Split it/
    )
    expect(brandCount()).toBe(before)
  })

  it('refuses a list just over the cap and accepts one under it', async () => {
    const header = 'name,website\nCap Brand,https://cap.test/\n'
    const over = join(temp.dir, 'over.csv')
    writeFileSync(over, header + '#'.repeat(10_000_001 - header.length))
    const before = brandCount()
    const refused = await runCli(['brands', 'import', over, '--db', db])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/too long: 10,000,001 bytes/)
    expect(brandCount()).toBe(before)
    const under = join(temp.dir, 'under.csv')
    writeFileSync(under, header)
    expect((await runCli(['brands', 'import', under, '--db', db])).stdout).toMatch(/1 added/)
  })
})

describe('--db in a missing folder', () => {
  const missing = join(temp.dir, 'nonexistent', 'dir')
  it.each([
    [['brands', 'list']],
    [['status']],
    [['products', 'export']],
    [['worker', '--mode', 'once']]
  ])('%j is refused with what to do, creating nothing', async (args) => {
    const result = await runCli([...args, '--db', join(missing, 'x.db')])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toContain(`the folder ${missing} does not exist`)
    expect(result.stderr).toMatch(/Create it first \(mkdir -p '.*'\) or give --db a file/)
    expect(existsSync(join(temp.dir, 'nonexistent'))).toBe(false)
  })

  it('BRAND_SCRAPER_DB in a missing folder is refused the same way', async () => {
    const result = await runCli(['brands', 'list'], { BRAND_SCRAPER_DB: join(missing, 'x.db') })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^brand-scraper: BRAND_SCRAPER_DB .* does not exist/)
    expect(existsSync(join(temp.dir, 'nonexistent'))).toBe(false)
  })

  it('the default location is still created on first use', async () => {
    const config = join(temp.dir, 'fresh-config')
    const result = await runCli(['brands', 'list', '--json'], {
      BRAND_SCRAPER_DB: '',
      XDG_CONFIG_HOME: config,
      APPDATA: config
    })
    expect(result.code).toBe(0)
    expect(readdirSync(join(config, 'Brand Scraper'))).toContain('catalog.db')
  })
})

describe('products export --out', () => {
  it('into a missing folder says what to do, writes nothing', async () => {
    const out = join(temp.dir, 'no-such-folder', 'products.csv')
    const result = await runCli(['products', 'export', '--out', out, '--db', db])
    expect(result.code).toBe(2)
    expect(result.stderr).not.toMatch(/ENOENT/)
    expect(result.stderr).toMatch(
      /--out .*: the folder .*no-such-folder does not exist\. Create it/
    )
    expect(existsSync(join(temp.dir, 'no-such-folder'))).toBe(false)
  })

  it('onto a folder says to give a file name', async () => {
    const result = await runCli(['products', 'export', '--out', temp.dir, '--db', db])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /cannot write the export to .*: it is a folder; give --out a file/
    )
  })
})
