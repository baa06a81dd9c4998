import { stringify } from 'csv-stringify/sync'
import { productFields, type ProductRecord } from '../shared/product'
import { snakeCase, type SnakeCase } from './snake-case'

/**
 * The record fields an export holds, in column order: the catalog brand's name, the page, the
 * product's own fields (the page's `statedBrand` among them), and when the catalog saw it.
 */
const exportFields = [
  'brandName',
  'url',
  ...productFields,
  'firstSeenAt',
  'lastSeenAt'
] as const satisfies readonly (keyof ProductRecord)[]

type ExportField = (typeof exportFields)[number]

/** `brand` is the catalog brand's name, as exports always had it; the rest are snake_case. */
type ExportKey<Field extends ExportField> = Field extends 'brandName' ? 'brand' : SnakeCase<Field>

function exportKey<Field extends ExportField>(field: Field): ExportKey<Field> {
  return (field === 'brandName' ? 'brand' : snakeCase(field)) as ExportKey<Field>
}

/**
 * One exported product: the public shape of the catalog (price a number, images an array).
 * `brand` is the catalog brand it was scraped for; `stated_brand` the brand its page names.
 */
export type ProductExportRecord = {
  [Field in ExportField as ExportKey<Field>]: ProductRecord[Field]
}

/** The export's keys, which are also the CSV's header row. */
export const productExportColumns: readonly (keyof ProductExportRecord)[] =
  exportFields.map(exportKey)

export function toExportRecord(product: ProductRecord): ProductExportRecord {
  return Object.fromEntries(
    exportFields.map((field) => [exportKey(field), product[field]])
  ) as ProductExportRecord
}

/**
 * A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading `'`: scraped text is untrusted, and opening an export must
 * not run `=HYPERLINK(…)` or `=cmd|…` from a product page (OWASP's CSV injection advice).
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

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
    { header: true, columns: [...productExportColumns], cast: { string: neutralizeFormula } }
  )
}
