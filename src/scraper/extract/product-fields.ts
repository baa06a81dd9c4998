import type { Availability } from '../../shared/product'

/**
 * What one extraction layer found for one product. Same fields as `ExtractedProduct`, but the name
 * may be missing too: a layer reports only what it saw, and the merge decides.
 */
export interface ProductFields {
  name: string | null
  brand: string | null
  sku: string | null
  mpn: string | null
  gtin: string | null
  price: number | null
  /** ISO 4217 code of `price`. */
  currency: string | null
  availability: Availability | null
  description: string | null
  /** Most general first, joined with " > ". */
  category: string | null
  /** Absolute URLs, best first, deduped. */
  images: string[]
  specs: Record<string, string>
  /** The product's own URL as the markup states it (absolute), used to tell products apart. */
  url: string | null
  /** The source object (JSON-LD node, microdata item), for audit. */
  raw: unknown
}

/** A `ProductFields` with nothing found. */
export function emptyProductFields(): ProductFields {
  return {
    name: null,
    brand: null,
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
