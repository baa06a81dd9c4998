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
  /**
   * The brand the page itself states (schema.org `brand`, `product:brand`, a "Brand" label). Not
   * the catalog's brand the product was scraped for: a reseller's page may name another maker.
   */
  statedBrand: z.string().nullable(),
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

/**
 * The product's own fields, in the catalog's column order: every extracted field but `raw` (kept
 * for audit, never shown or exported). The store's columns and the export derive from this list.
 */
export const productFields = extractedProductSchema.omit({ raw: true }).keyof().options

/** One of {@link productFields}. */
export type ProductField = (typeof productFields)[number]

/** A product as stored in the catalog: its own fields plus the catalog's bookkeeping. */
export const productRecordSchema = extractedProductSchema.omit({ raw: true }).extend({
  id: z.number().int(),
  /** The catalog brand the product was scraped for. */
  brandId: z.number().int(),
  /** That catalog brand's name (see `statedBrand` for the brand the page names). */
  brandName: z.string(),
  /** Canonical page URL: the product's identity within its brand. */
  url: z.string(),
  contentHash: z.string(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  lastChangedAt: z.string(),
  /** When a complete run last failed to find it; null while it is still published. */
  missingSince: z.string().nullable()
})

export type ProductRecord = z.infer<typeof productRecordSchema>
