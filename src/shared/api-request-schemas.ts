import { z } from 'zod'
import { logLevelSchema } from './log-entry'
import { delaySchema, startModeSchema } from './worker-mode'

/**
 * The request schemas of the UI API that are more than a line or two, and the pieces the
 * contract's methods share. The contract table (api-contract.ts) names each method's schema.
 */

/** The request of a method that takes nothing. */
export const noRequest = z.object({}).strict()

/** Query-string friendly integer. */
export const queryInt = (min: number, max: number): z.ZodCoercedNumber =>
  z.coerce.number().int().min(min).max(max)

/** A catalog row's id in the path (`/:id`). */
export const idParam = z.object({ id: queryInt(1, Number.MAX_SAFE_INTEGER) })

/** Starting the worker: its mode, the delay between continuous passes, and how many. */
export const workerStartRequestSchema = z
  .object({
    mode: startModeSchema.default('continuous'),
    delay: delaySchema,
    /** Worker processes sharing the queue (each claims its own brands). Default: 1. */
    workers: z.number().int().min(1).max(16).default(1)
  })
  .strict()

/** The fields the product list can be sorted by. */
export const productSortFields = ['name', 'brand', 'price', 'lastSeenAt', 'firstSeenAt'] as const

/** Listing products: filter, full-text search, paging and sort. */
export const productListRequestSchema = z
  .object({
    brand: z.string().optional(),
    /** Full-text search over name, sku, mpn, description, category and specs. */
    q: z.string().max(500).optional(),
    limit: queryInt(1, 1000).default(100),
    offset: queryInt(0, 10_000_000).default(0),
    sort: z.enum(productSortFields).default('name'),
    order: z.enum(['asc', 'desc']).default('asc'),
    /** Include products that a complete run no longer found. Default: true. */
    includeMissing: z
      .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
      .default(true)
  })
  .strict()

/** A product list request as a caller writes it (defaults not yet applied). */
export type ProductListRequest = z.input<typeof productListRequestSchema>

/** Listing log entries: tail after an id, scroll back before one, filter by level, brand, text. */
export const logListRequestSchema = z
  .object({
    /** Only entries with a larger id (for tailing). */
    after: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
    /** Only entries before this id (for scrolling back). */
    before: queryInt(0, Number.MAX_SAFE_INTEGER).optional(),
    /** This level and above. */
    level: logLevelSchema.optional(),
    brand: z.string().optional(),
    q: z.string().max(500).optional(),
    limit: queryInt(1, 100_000).default(500)
  })
  .strict()
