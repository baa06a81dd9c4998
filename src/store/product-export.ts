import { stringify } from 'csv-stringify/sync'
import type { ProductRecord } from '../shared/product'

/** One exported product: the public shape of the catalog (price a number, images an array). */
export interface ProductExportRecord {
  brand: string
  url: string
  name: string
  sku: string | null
  mpn: string | null
  gtin: string | null
  price: number | null
  currency: string | null
  availability: string | null
  description: string | null
  category: string | null
  images: string[]
  specs: Record<string, string>
  first_seen_at: string
  last_seen_at: string
}

export function toExportRecord(product: ProductRecord): ProductExportRecord {
  return {
    brand: product.brandName,
    url: product.url,
    name: product.name,
    sku: product.sku,
    mpn: product.mpn,
    gtin: product.gtin,
    price: product.price,
    currency: product.currency,
    availability: product.availability,
    description: product.description,
    category: product.category,
    images: product.images,
    specs: product.specs,
    first_seen_at: product.firstSeenAt,
    last_seen_at: product.lastSeenAt
  }
}

const csvHeader: (keyof ProductExportRecord)[] = [
  'brand',
  'url',
  'name',
  'sku',
  'mpn',
  'gtin',
  'price',
  'currency',
  'availability',
  'description',
  'category',
  'images',
  'specs',
  'first_seen_at',
  'last_seen_at'
]

/**
 * Formats products for a file. In CSV, images are joined with a space (URLs have none) and specs
 * are a JSON object, so no information is lost in a spreadsheet cell.
 */
export function formatProducts(products: Iterable<ProductRecord>, format: 'json' | 'csv'): string {
  const records = Array.from(products, toExportRecord)
  if (format === 'json') return `${JSON.stringify(records, null, 2)}\n`
  return stringify(
    records.map((record) => ({
      ...record,
      images: record.images.join(' '),
      specs: JSON.stringify(record.specs)
    })),
    { header: true, columns: csvHeader }
  )
}
