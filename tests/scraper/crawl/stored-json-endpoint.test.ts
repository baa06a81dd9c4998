import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { crawlBrand } from '../../../src/scraper/crawl/crawl-brand'
import {
  parseStoredRecipe,
  storedJsonEndpoint
} from '../../../src/scraper/crawl/stored-json-endpoint'
import { CatalogStore } from '../../../src/store/catalog-store'
import { createRecordingContext, startFixtureSite } from '../../support/fixture-sites'
import { scriptRenderedSite } from '../../support/script-rendered-site'
import { makeTempDir } from '../../support/temp-dir'
import { useBrowserAndSites } from '../../support/browser-test-setup'

const recipe = {
  origin: 'https://shop.test',
  pageShape: ['product', null],
  endpoint: 'https://shop.test/api/products/{id}',
  fields: { name: ['data', 'title'], price: ['data', 'price'] }
}

describe('parseStoredRecipe', () => {
  it('reads back a recipe of the brand’s own site', () => {
    expect(parseStoredRecipe(JSON.stringify(recipe), 'https://shop.test/')).toEqual(recipe)
  })

  it('refuses text that is not a recipe, or one that leads off the brand’s site', () => {
    expect(parseStoredRecipe('{not json', 'https://shop.test/')).toBeNull()
    expect(parseStoredRecipe('{"origin":"https://shop.test"}', 'https://shop.test/')).toBeNull()
    expect(parseStoredRecipe(JSON.stringify(recipe), 'https://other.test/')).toBeNull()
    const elsewhere = { ...recipe, endpoint: 'http://169.254.169.254/latest/{id}' }
    expect(parseStoredRecipe(JSON.stringify(elsewhere), 'https://shop.test/')).toBeNull()
  })

  it('forgets a stored value it refuses, so it is not read again', () => {
    let stored: string | null = JSON.stringify({ ...recipe, origin: 'https://other.test' })
    const memory = storedJsonEndpoint(
      { get: () => stored, set: (text) => (stored = text) },
      'https://shop.test/'
    )
    expect(memory.get()).toBeNull()
    expect(stored).toBeNull()
  })
})

describe('the JSON endpoint kept in the catalog between runs', () => {
  const { provider: browser, sites } = useBrowserAndSites()
  const temp = makeTempDir('brand-scraper-json-endpoint-')
  afterAll(() => temp.cleanup())

  it('lets the next run trust the endpoint after one agreeing page instead of three', async () => {
    const fixture = scriptRenderedSite({ products: 12 })
    const site = await startFixtureSite(fixture.routes)
    sites.push(site)
    const store = CatalogStore.open(join(temp.dir, 'catalog.db'))
    try {
      const brand = store.brands.add({ name: 'Script Shop', website: site.url })
      const crawlOnce = async (): Promise<string> => {
        const run = createRecordingContext(site.url, {
          browser,
          strategy: 'browser',
          overrides: { minDelayMs: 0, concurrency: 1 }
        })
        const memory = storedJsonEndpoint(
          {
            get: () => store.brands.jsonEndpoint(brand.id),
            set: (text) => store.brands.rememberJsonEndpoint(brand.id, text)
          },
          site.url
        )
        const result = await crawlBrand({ ...run.ctx, jsonEndpoint: memory })
        expect(result).toMatchObject({ complete: true, errorCount: 0 })
        expect(run.saved).toHaveLength(12)
        return run.logText()
      }
      expect(await crawlOnce()).toMatch(/\(3 rendered pages agree field for field\)/)
      expect(JSON.parse(store.brands.jsonEndpoint(brand.id)!)).toMatchObject({
        endpoint: `${site.origin}/api/products/{id}`
      })
      expect(await crawlOnce()).toMatch(/\(1 rendered page agrees field for field\)/)
    } finally {
      store.close()
    }
  })
})
