import { emptyProductFields } from '../../src/scraper/extract/product-fields'
import type { ExtractedProduct } from '../../src/shared/product'

/** A product page that states nothing but its name; override any field. */
export function bareProduct(
  name: string,
  overrides: Partial<ExtractedProduct> = {}
): ExtractedProduct {
  // What an extraction layer finds on such a page, less the URL it states (none here).
  const { url: _stated, ...nothing } = emptyProductFields()
  return { ...nothing, name, ...overrides }
}
