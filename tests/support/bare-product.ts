import type { ExtractedProduct } from '../../src/shared/product'

/** A product page that states nothing but its name; override any field. */
export function bareProduct(
  name: string,
  overrides: Partial<ExtractedProduct> = {}
): ExtractedProduct {
  return {
    name,
    statedBrand: null,
    sku: null,
    mpn: null,
    gtin: null,
    price: null,
    currency: null,
    availability: null,
    description: null,
    category: null,
    images: [],
    specs: {},
    raw: null,
    ...overrides
  }
}
