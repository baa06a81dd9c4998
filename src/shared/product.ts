import { z } from 'zod'

/** schema.org availability, normalised to the bare enumeration name. */
export const availabilityValues = [
  'InStock',
  'OutOfStock',
  'PreOrder',
  'BackOrder',
  'Discontinued',
  'LimitedAvailability',
  'InStoreOnly',
  'OnlineOnly',
  'SoldOut',
  'PreSale',
  'Reserved'
] as const

export type Availability = (typeof availabilityValues)[number]

/**
 * What the extractors take from one product page. Every field but `name` may be missing: a field
 * the page does not state is `null` (or empty), never guessed.
 */
export const extractedProductSchema = z.object({
  name: z.string().min(1),
  brand: z.string().nullable(),
  sku: z.string().nullable(),
  mpn: z.string().nullable(),
  gtin: z.string().nullable(),
  /** Decimal price as shown to a buyer, in `currency`. */
  price: z.number().nullable(),
  /** ISO 4217 code. */
  currency: z.string().length(3).nullable(),
  availability: z.enum(availabilityValues).nullable(),
  description: z.string().nullable(),
  /** Breadcrumb or schema.org category, most general first, joined with " > ". */
  category: z.string().nullable(),
  /** Absolute image URLs, best first. */
  images: z.array(z.string()),
  /** Specification name → value, in page order. */
  specs: z.record(z.string(), z.string()),
  /** The structured data the product came from (JSON-LD objects, microdata items), for audit. */
  raw: z.unknown()
})

export type ExtractedProduct = z.infer<typeof extractedProductSchema>

/** A product as stored in the catalog. */
export interface ProductRecord extends Omit<ExtractedProduct, 'raw'> {
  id: number
  brandId: number
  brandName: string
  /** Canonical page URL: the product's identity within its brand. */
  url: string
  contentHash: string
  firstSeenAt: string
  lastSeenAt: string
  lastChangedAt: string
  /** When a complete run last failed to find it; null while it is still published. */
  missingSince: string | null
}
