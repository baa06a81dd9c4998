import { describe, expect, it } from 'vitest'
import type { ExtractedProduct } from '../../../src/shared/product'
import {
  disagreements,
  endpointFor,
  recipeFromSample
} from '../../../src/scraper/crawl/json-endpoint-recipe'
import { JsonEndpointShortcut } from '../../../src/scraper/crawl/json-endpoint-shortcut'
import { createPoliteFetcher } from '../../../src/scraper/fetch/polite-fetcher'
import { createPolitenessGate } from '../../../src/scraper/fetch/politeness-gate'
import { startFixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

/** What the extractors read from rendered page `id`. */
function renderedProduct(id: number, price = 10 * id): ExtractedProduct {
  return {
    name: `Speaker ${id}`,
    statedBrand: null,
    sku: `SP-${id}`,
    mpn: null,
    gtin: null,
    price,
    currency: 'EUR',
    availability: 'InStock',
    description: `The Speaker ${id}.`,
    category: null,
    images: [],
    specs: {},
    raw: {}
  }
}

/** The endpoint's JSON for product `id`, in its own field names. */
function endpointJson(id: number, price = 10 * id): string {
  return JSON.stringify({
    data: { title: `Speaker ${id}`, code: `SP-${id}`, blurb: `The Speaker ${id}.` },
    pricing: { value: String(price), iso: 'eur' },
    stock: 'https://schema.org/InStock'
  })
}

const origin = 'http://127.0.0.1:9'
const responsesOf = (id: number, base = origin): { url: string; body: string }[] => [
  { url: `${base}/api/config`, body: '{"theme":"dark"}' },
  { url: `${base}/api/items?sku=${id}`, body: endpointJson(id) }
]

describe('recipeFromSample', () => {
  it('finds the endpoint and where each extracted field is in its JSON', () => {
    const recipe = recipeFromSample(`${origin}/shop/speaker/7`, renderedProduct(7), responsesOf(7))
    expect(recipe).toEqual({
      origin,
      pageShape: ['shop', 'speaker', null],
      endpoint: `${origin}/api/items?sku={id}`,
      fields: {
        name: ['data', 'title'],
        sku: ['data', 'code'],
        price: ['pricing', 'value'],
        currency: ['pricing', 'iso'],
        availability: ['stock'],
        description: ['data', 'blurb']
      }
    })
    expect(endpointFor(recipe!, `${origin}/shop/speaker/12`)).toBe(`${origin}/api/items?sku=12`)
    expect(endpointFor(recipe!, `${origin}/shop/amp/12`)).toBeNull()
    expect(endpointFor(recipe!, `http://127.0.0.2:9/shop/speaker/12`)).toBeNull()
  })

  it('refuses an endpoint that lacks a field the page shows, or is on another origin', () => {
    const withGtin = { ...renderedProduct(7), gtin: '4006381333931' }
    expect(recipeFromSample(`${origin}/shop/speaker/7`, withGtin, responsesOf(7))).toBeNull()
    const elsewhere = responsesOf(7, 'http://127.0.0.1:10')
    expect(recipeFromSample(`${origin}/shop/speaker/7`, renderedProduct(7), elsewhere)).toBeNull()
    expect(disagreements(renderedProduct(7), renderedProduct(7, 99))).toEqual(['price'])
  })
})

describe('JsonEndpointShortcut', () => {
  it('turns on after agreeing samples, reads over HTTP, and turns off when a check disagrees', async () => {
    // The endpoint always states the list price; page 6 will show a sale price it does not have.
    const site = await startFixtureSite({
      '/api/items': (request) => {
        const id = Number(request.query.get('sku'))
        return {
          body: endpointJson(id),
          contentType: 'application/json'
        }
      }
    })
    sites.push(site)
    const controller = new AbortController()
    const gate = createPolitenessGate({ concurrency: 1, minDelayMs: 0, signal: controller.signal })
    const logs: string[] = []
    const remembered: unknown[] = []
    const log = (_level: string, message: string): void => void logs.push(message)
    const fetcher = createPoliteFetcher({
      gate,
      signal: controller.signal,
      log,
      trustedOrigin: site.origin
    })
    const shortcut = new JsonEndpointShortcut({
      fetcher,
      isAllowed: () => true,
      log,
      remember: (recipe) => remembered.push(recipe),
      samples: 2,
      checkEvery: 2
    })
    const page = (id: number): string => `${site.origin}/shop/speaker/${id}`
    shortcut.rendered(page(1), renderedProduct(1), responsesOf(1, site.origin))
    expect(await shortcut.read(page(3))).toBeNull()
    shortcut.rendered(page(2), renderedProduct(2), responsesOf(2, site.origin))
    expect(logs.join('\n')).toContain(`take their product from ${site.origin}/api/items?sku={id}`)
    expect(remembered).toHaveLength(1)

    const third = await shortcut.read(page(3))
    expect(third).toMatchObject({
      check: false,
      product: { name: 'Speaker 3', price: 30, currency: 'EUR' }
    })
    expect(site.countOf('/api/items?sku=3')).toBe(1)
    const fourth = await shortcut.read(page(4))
    expect(fourth?.check).toBe(true)
    // The check renders page 4 and agrees: still on.
    shortcut.rendered(page(4), renderedProduct(4), [], fourth?.product)
    expect(shortcut.endpointFor(page(5))).not.toBeNull()

    await shortcut.read(page(5))
    const sixth = await shortcut.read(page(6))
    // Page 6 shows a sale price: the check disagrees, and the shortcut is off for good.
    shortcut.rendered(page(6), renderedProduct(6, 45), [], sixth?.product)
    expect(logs.at(-1)).toMatch(/Stopped reading products from .*disagrees with it \(price\)/)
    expect(remembered.at(-1)).toBeNull()
    expect(shortcut.endpointFor(page(7))).toBeNull()
    expect(await shortcut.read(page(7))).toBeNull()
    expect(shortcut.readCount).toBe(4)
  })
})
