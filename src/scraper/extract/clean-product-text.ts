import type { ExtractedProduct } from '../../shared/product'
import { stripControl } from '../../shared/strip-control'

/**
 * The product with every scraped string made safe to store, print, log and show: terminal escape
 * sequences, control and bidi-override characters removed (see `stripControl`); availability is
 * already one of a fixed set. Only the
 * description keeps its line breaks; every other field is one line. Spec keys and values, image
 * URLs and the strings inside the raw structured data are cleaned too, since the UI and the
 * exports show them. Pure: returns a new product.
 */
export function cleanProductText(product: ExtractedProduct): ExtractedProduct {
  const line = (value: string | null): string | null => (value == null ? null : stripControl(value))
  const specs: Record<string, string> = {}
  for (const [key, value] of Object.entries(product.specs)) {
    const cleanKey = stripControl(key).trim()
    if (cleanKey !== '' && !(cleanKey in specs)) specs[cleanKey] = stripControl(value)
  }
  return {
    ...product,
    name: stripControl(product.name).trim(),
    statedBrand: line(product.statedBrand),
    sku: line(product.sku),
    mpn: line(product.mpn),
    gtin: line(product.gtin),
    // An ISO 4217 code or nothing: three letters can still be an escape (`ESC [ A`).
    currency:
      product.currency != null && /^[A-Z]{3}$/i.test(product.currency) ? product.currency : null,
    description:
      product.description == null
        ? null
        : stripControl(product.description, { keepNewlines: true }),
    category: line(product.category),
    images: product.images.map((url) => stripControl(url)),
    specs,
    raw: cleanRaw(product.raw)
  }
}

/** Every string in parsed JSON (keys too), cleaned, keeping line breaks. */
function cleanRaw(value: unknown): unknown {
  if (typeof value === 'string') return stripControl(value, { keepNewlines: true })
  if (Array.isArray(value)) return value.map(cleanRaw)
  if (value != null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        stripControl(key, { keepNewlines: true }),
        cleanRaw(item)
      ])
    )
  }
  return value
}
