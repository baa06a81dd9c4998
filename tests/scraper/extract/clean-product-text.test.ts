import { describe, expect, it } from 'vitest'
import { extractPage, extractProduct } from '../../../src/scraper/extract/extract-product'
import { jsonLdProductPage } from '../../support/fixture-sites/fixture-html'

const url = 'https://brand.example/products/lamp'
/** Sets the terminal title, clears the screen and writes the clipboard (OSC 52) when printed. */
const attack = '\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07'
// C0 (tab and newline aside), DEL, C1 and bidi overrides/isolates.
// eslint-disable-next-line no-control-regex
const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/

/** Every string in a value, keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value != null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)])
  }
  return []
}

describe('scraped text is cleaned of control characters', () => {
  it('a JSON-LD product named with terminal escapes extracts with none', () => {
    const html = jsonLdProductPage({
      name: `Desk Lamp${attack}`,
      sku: `DL-1${attack}`,
      price: 10,
      description: `First line${attack}\nSecond\tline\u202e`
    })
    const page = extractPage(html, { url })
    expect(page.product).not.toBeNull()
    expect(page.product!.name).toBe('Desk Lamp')
    expect(page.product!.sku).toBe('DL-1')
    expect(page.product!.description).toBe('First line Second line')
    for (const text of strings(page.product)) expect(text).not.toMatch(control)
  })

  it('cleans every field of a page without structured data: heading, specs, images, brand', () => {
    const html = `<html><head>
      <meta property="og:type" content="product">
      <meta property="og:image" content="https://cdn.example/a.jpg${attack}">
      <meta property="product:brand" content="Brand${attack}">
      </head><body>
      <nav aria-label="breadcrumb"><ol><li>Home</li><li>Light\x9bing</li><li>Lamp</li></ol></nav>
      <h1>Lamp\x1b[31m Red\u2066</h1><span class="price">$79.00</span>
      <table><tr><th>Bulb\x07</th><td>E27${attack}</td></tr><tr><th>Model</th><td>L\x85-1</td></tr></table>
      </body></html>`
    const product = extractProduct(html, { url })
    expect(product).not.toBeNull()
    expect(product!.name).toBe('Lamp Red')
    expect(product!.statedBrand).toBe('Brand')
    expect(product!.specs).toMatchObject({ Bulb: 'E27' })
    for (const text of strings(product)) expect(text).not.toMatch(control)
  })

  it('keeps clean text exactly as it was', () => {
    const html = jsonLdProductPage({ name: 'Café Lamp 東京 — 5"', sku: 'CL-5', price: 10 })
    expect(extractProduct(html, { url })!.name).toBe('Café Lamp 東京 — 5"')
  })
})
