import type { ExtractedProduct } from '../../shared/product'

/**
 * What one extraction layer found for one product: the fields of `ExtractedProduct` (documented
 * there), but the name may be missing too — a layer reports only what it saw, and the merge
 * decides — plus the URL the markup states for the product.
 */
export interface ProductFields extends Omit<ExtractedProduct, 'name'> {
  name: string | null
  /** The product's own URL as the markup states it (absolute), used to tell products apart. */
  url: string | null
}

/** A `ProductFields` with nothing found. */
export function emptyProductFields(): ProductFields {
  return {
    name: null,
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
    url: null,
    raw: null
  }
}
