import { createHash } from 'node:crypto'
import type { ExtractedProduct, ProductField, ProductRecord } from '../shared/product'
import type { SaveOutcome } from '../shared/run'
import type { Statement } from 'better-sqlite3'
import type { SqliteDatabase } from './database'
import { productColumns, productRecordSelect, productValues, rowToProduct } from './product-columns'

/**
 * Names the content hash keeps for fields renamed since products were first hashed, so that a
 * rename does not turn every stored product into an update on its next run.
 */
const hashNames: Partial<Record<ProductField, string>> = { statedBrand: 'brand' }

/**
 * The content hash covers what a user sees of a product, not the raw markup, so a page whose
 * tracking attributes change does not count as an update.
 */
export function productContentHash(product: ExtractedProduct): string {
  const ordered: Record<string, unknown> = {}
  for (const [field, name] of hashOrder(product)) ordered[name] = product[field]
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex')
}

/**
 * The hash's field order for each set of field names seen. Sorting with `localeCompare` on every
 * save cost more than the rest of the hash; products of one extractor all have the same fields.
 */
const hashOrders = new Map<string, Array<readonly [keyof ExtractedProduct, string]>>()

function hashOrder(product: ExtractedProduct): Array<readonly [keyof ExtractedProduct, string]> {
  const fields = Object.keys(product).filter((field) => field !== 'raw') as ProductField[]
  const signature = fields.join()
  let order = hashOrders.get(signature)
  if (!order) {
    order = fields
      .map((field) => [field, hashNames[field] ?? field] as const)
      .sort(([, a], [, b]) => a.localeCompare(b))
    // A product's fields are the schema's: only hostile input could make many signatures.
    if (hashOrders.size < 64) hashOrders.set(signature, order)
  }
  return order
}

export const productSortColumns = {
  name: 'p.name COLLATE NOCASE',
  brand: 'b.name COLLATE NOCASE',
  price: 'p.price',
  lastSeenAt: 'p.last_seen_at',
  firstSeenAt: 'p.first_seen_at'
} as const

/** Filters of {@link ProductRepository.list}. */
export interface ProductQuery {
  brandId?: number
  /** Words to find anywhere in name, identifiers, description, category or specs (prefix match). */
  q?: string
  limit: number
  offset: number
  sort: keyof typeof productSortColumns
  order: 'asc' | 'desc'
  includeMissing: boolean
}

/**
 * Turns what a user typed into an FTS5 query: each word quoted (so `-`, `:` and `"` are text,
 * not syntax) and prefix-matched, all words required.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}]+(?:[.'-][\p{L}\p{N}]+)*/gu) ?? []
  if (words.length === 0) return null
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' ')
}

/** The columns {@link ProductRepository.save} writes from a product, in its values' order. */
const savedColumns = [...productColumns, 'raw', 'content_hash']

const insertedColumns = [
  'brand_id',
  'url',
  ...savedColumns,
  'first_seen_at',
  'last_seen_at',
  'last_changed_at',
  'last_run_id'
]

const insertProduct = `INSERT INTO products (${insertedColumns.join(', ')})
  VALUES (${insertedColumns.map(() => '?').join(', ')})`

const updateProduct = `UPDATE products SET ${savedColumns.map((column) => `${column} = ?`).join(', ')},
    last_seen_at = ?, last_changed_at = ?, last_run_id = ?, missing_since = NULL
  WHERE id = ?`

const selectProduct = `SELECT ${productRecordSelect}`

/** What {@link ProductRepository.saveOnce} reads of a stored product. */
interface StoredProduct {
  id: number
  content_hash: string
  last_run_id: number | null
}

/** Products: one row per brand and canonical URL. */
export class ProductRepository {
  /** Statements of {@link save}, prepared once, on first use: preparing cost more than running. */
  private statements?: {
    find: Statement<[number, string], StoredProduct>
    insert: Statement<unknown[]>
    seen: Statement<[string, number, number]>
    update: Statement<unknown[]>
  }

  constructor(private readonly db: SqliteDatabase) {}

  /** Inserts or updates a product and says which; only a changed content hash counts as update. */
  save(brandId: number, runId: number, url: string, product: ExtractedProduct): SaveOutcome {
    return this.write(brandId, runId, url, product, false)!
  }

  /**
   * {@link save}, except that a product this run already saved is left alone and `null` is
   * returned: the same URL twice in one run is an entry delivered twice. One lookup serves both.
   */
  saveOnce(
    brandId: number,
    runId: number,
    url: string,
    product: ExtractedProduct
  ): SaveOutcome | null {
    return this.write(brandId, runId, url, product, true)
  }

  private write(
    brandId: number,
    runId: number,
    url: string,
    product: ExtractedProduct,
    once: boolean
  ): SaveOutcome | null {
    const statements = (this.statements ??= this.prepareSave())
    const existing = statements.find.get(brandId, url)
    if (once && existing?.last_run_id === runId) return null
    const now = new Date().toISOString()
    const hash = productContentHash(product)
    if (existing && existing.content_hash === hash) {
      statements.seen.run(now, runId, existing.id)
      return 'unchanged'
    }
    const fields = [
      ...productValues(product),
      product.raw === undefined ? null : JSON.stringify(product.raw),
      hash
    ]
    if (!existing) {
      statements.insert.run(brandId, url, ...fields, now, now, now, runId)
      return 'new'
    }
    statements.update.run(...fields, now, now, runId, existing.id)
    return 'updated'
  }

  private prepareSave(): NonNullable<ProductRepository['statements']> {
    const { db } = this
    return {
      find: db.prepare(
        'SELECT id, content_hash, last_run_id FROM products WHERE brand_id = ? AND url = ?'
      ),
      insert: db.prepare(insertProduct),
      seen: db.prepare(
        'UPDATE products SET last_seen_at = ?, last_run_id = ?, missing_since = NULL WHERE id = ?'
      ),
      update: db.prepare(updateProduct)
    }
  }

  /**
   * After a complete run, flags the brand's products that the run did not see. They are kept:
   * a product that disappears from a site stays in the catalog, with the time it went missing.
   */
  markMissing(brandId: number, runStartedAt: string): number {
    // Not seen since the run started: a product another run saved meanwhile was seen, whoever saw it.
    return this.db
      .prepare(
        `UPDATE products SET missing_since = ?
         WHERE brand_id = ? AND missing_since IS NULL AND last_seen_at < ?`
      )
      .run(new Date().toISOString(), brandId, runStartedAt).changes
  }

  get(id: number): ProductRecord | undefined {
    const row = this.db
      .prepare(`${selectProduct} FROM products p JOIN brands b ON b.id = p.brand_id WHERE p.id = ?`)
      .get(id) as Record<string, unknown> | undefined
    return row && rowToProduct(row)
  }

  list(query: ProductQuery): { items: ProductRecord[]; total: number } {
    const where: string[] = []
    const params: unknown[] = []
    if (query.brandId !== undefined) {
      where.push('p.brand_id = ?')
      params.push(query.brandId)
    }
    const fts = query.q ? toFtsQuery(query.q) : null
    if (fts) {
      where.push('p.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)')
      params.push(fts)
    }
    if (!query.includeMissing) where.push('p.missing_since IS NULL')
    const from = `FROM products p JOIN brands b ON b.id = p.brand_id ${
      where.length ? `WHERE ${where.join(' AND ')}` : ''
    }`
    const total = (this.db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number })
      .n
    const order = `${productSortColumns[query.sort]} ${query.order === 'desc' ? 'DESC' : 'ASC'}, p.id`
    const rows = this.db
      .prepare(`${selectProduct} ${from} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset) as Record<string, unknown>[]
    return { items: rows.map(rowToProduct), total }
  }

  /** Every product matching the filter, streamed in name order (for exports of any size). */
  *iterate(query: Pick<ProductQuery, 'brandId' | 'q'>): Generator<ProductRecord> {
    const pageSize = 1000
    for (let offset = 0; ; offset += pageSize) {
      const page = this.list({
        ...query,
        limit: pageSize,
        offset,
        sort: 'name',
        order: 'asc',
        includeMissing: true
      })
      yield* page.items
      if (page.items.length < pageSize) return
    }
  }

  countForBrand(brandId: number): { total: number; missing: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS total, count(missing_since) AS missing FROM products WHERE brand_id = ?`
      )
      .get(brandId) as { total: number; missing: number }
  }
}
