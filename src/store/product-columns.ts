import {
  productFields,
  productRecordSchema,
  type ExtractedProduct,
  type ProductField,
  type ProductRecord
} from '../shared/product'
import { snakeCase } from './snake-case'

/** The product's own fields whose values are lists or maps. */
type JsonField = {
  [Field in ProductField]: NonNullable<ExtractedProduct[Field]> extends object ? Field : never
}[ProductField]

/**
 * Lists and maps are stored as JSON text. Typed as a record of every such field, so a new list
 * field that is not named here fails to compile rather than reading back as a string.
 */
const jsonFields: Record<JsonField, true> = { images: true, specs: true }

function isJsonField(field: string): field is JsonField {
  return Object.hasOwn(jsonFields, field)
}

/** The `products` columns holding the product's own fields, in {@link productFields} order. */
export const productColumns: readonly string[] = productFields.map(snakeCase)

/** A product's own field values, bound in {@link productColumns} order. */
export function productValues(product: ExtractedProduct): unknown[] {
  return productFields.map((field) =>
    isJsonField(field) ? JSON.stringify(product[field]) : product[field]
  )
}

/** Where a record field is read: the product row `p`, or the joined catalog brand `b`'s name. */
function recordSource(field: keyof ProductRecord): string {
  return field === 'brandName' ? 'b.name' : `p.${snakeCase(field)}`
}

/**
 * The select list of a {@link ProductRecord} from `products p JOIN brands b`: each column named
 * as its record field, so a row needs only its JSON decoded.
 */
export const productRecordSelect: string = productRecordSchema
  .keyof()
  .options.map((field) => `${recordSource(field)} AS "${field}"`)
  .join(', ')

/** A row read with {@link productRecordSelect} as a record. */
export function rowToProduct(row: Record<string, unknown>): ProductRecord {
  const record: Record<string, unknown> = { ...row }
  for (const field of Object.keys(jsonFields)) record[field] = JSON.parse(row[field] as string)
  return record as ProductRecord
}
