import { z } from 'zod'
import type { ApiContract, ApiDomain, ApiResponse } from './api-contract'
import { apiErrorCodes } from './api-error'
import { brandSettingsSchema, type BrandSummary, type IngestionStatusRow } from './brand'
import { logEntrySchema } from './log-entry'
import { productRecordSchema } from './product'
import { runCountsSchema, runStatusValues, runTriggerSchema, type RunRecord } from './run'
import { startModeSchema, workerModeSchema } from './worker-mode'
import { workerRecordSchema } from './worker-record'
import { workerProgressSchema, type WorkerStatus } from './worker-status'

/**
 * A schema for every response of the contract, for the OpenAPI document (openapi-document.ts).
 * The contract types its responses with TypeScript types; each schema here is checked at compile
 * time to describe exactly that type (see {@link SameType}), so the document cannot drift from
 * what the handlers return: change a response type and this file stops compiling until its schema
 * follows.
 */

/** True when A and B are each assignable to the other. */
type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

/** Accepts a schema only when its output is exactly `T`. */
function describes<T>() {
  return <S extends z.ZodType>(
    schema: S & (SameType<z.output<S>, T> extends true ? unknown : { mismatch: never })
  ): S => schema
}

const runRecordSchema = describes<RunRecord>()(
  runCountsSchema.extend({
    id: z.number().int(),
    brandId: z.number().int(),
    brandName: z.string(),
    trigger: runTriggerSchema,
    status: z.enum(runStatusValues),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    message: z.string().nullable(),
    workerId: z.string().nullable()
  })
)

const brandSummarySchema = describes<BrandSummary>()(
  z.object({
    id: z.number().int(),
    name: z.string(),
    website: z.string(),
    enabled: z.boolean(),
    priority: z.number().int(),
    settings: brandSettingsSchema,
    lastScrapedAt: z.string().nullable(),
    lastStatus: z.enum(runStatusValues).nullable(),
    nextDueAt: z.string().nullable(),
    createdAt: z.string(),
    productCount: z.number().int(),
    lastRun: runRecordSchema.nullable(),
    claimedBy: z.object({ id: z.string(), host: z.string(), pid: z.number().int() }).nullable()
  })
)

const workerStatusSchema = describes<WorkerStatus>()(
  z.object({
    version: z.number().int(),
    is_running: z.boolean(),
    state: z.enum(['stopped', 'starting', 'running', 'stopping', 'crashed']),
    pid: z.number().int().nullable(),
    mode: workerModeSchema.nullable(),
    delay: z.number().nullable(),
    current_brand: z.string().nullable(),
    progress: workerProgressSchema.nullable(),
    started_at: z.string().nullable(),
    next_brand_at: z.string().nullable(),
    next_brand: z.string().nullable(),
    worker_count: z.number().int(),
    workers: z.number().int(),
    notice: z.string().nullable(),
    last_exit: z
      .object({
        code: z.number().int().nullable(),
        signal: z.string().nullable(),
        crashed: z.boolean(),
        reason: z.string(),
        at: z.string()
      })
      .nullable(),
    recent_crashes: z.number().int(),
    gave_up: z.string().nullable()
  })
)

const ingestionStatusRowSchema = describes<IngestionStatusRow>()(
  z.object({
    brand: z.string(),
    brandId: z.number().int(),
    enabled: z.boolean(),
    totalProducts: z.number().int(),
    missingProducts: z.number().int(),
    lastRun: runRecordSchema.nullable()
  })
)

/** One response schema per contract method, each checked against the method's response type. */
export type ApiResponseSchemas = {
  [D in ApiDomain]: { [M in keyof ApiContract[D] & string]: z.ZodType<ApiResponse<D, M>> }
}

/** The response of every method of the contract, as a schema. */
export const apiResponseSchemas: ApiResponseSchemas = {
  worker: {
    start: z.object({
      status: z.literal('started'),
      pid: z.number().int().nullable(),
      pids: z.array(z.number().int()),
      mode: startModeSchema
    }),
    stop: z.object({ status: z.enum(['stopping', 'not_running']) }),
    status: workerStatusSchema,
    scrapeBrand: z.object({
      status: z.literal('started'),
      pid: z.number().int().nullable(),
      brand: z.string()
    })
  },
  workers: {
    list: z.object({ workers: z.array(workerRecordSchema) }),
    stop: z.object({ status: z.literal('stopping'), id: z.string() })
  },
  brands: {
    list: z.array(brandSummarySchema),
    add: brandSummarySchema,
    update: brandSummarySchema,
    remove: z.object({ removed: z.literal(true) }),
    import: z.object({ added: z.number().int(), updated: z.number().int() })
  },
  products: {
    list: z.object({ items: z.array(productRecordSchema), total: z.number().int() }),
    get: productRecordSchema,
    export: z.object({
      filename: z.string(),
      mimeType: z.string(),
      content: z.string(),
      count: z.number().int()
    })
  },
  runs: { list: z.array(runRecordSchema) },
  logs: {
    list: z.array(logEntrySchema),
    file: z.object({ path: z.string() }),
    openFile: z.object({ opened: z.boolean(), path: z.string() })
  },
  ingestion: { status: z.array(ingestionStatusRowSchema) }
}

/**
 * Codes the HTTP server answers with before a request reaches the contract (request-guards.ts,
 * token-gate.ts, http-server.ts), besides the contract's own {@link apiErrorCodes}.
 */
export const httpRefusalCodes = [
  'unauthorized',
  'forbidden',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type'
] as const

/** The body of every error answer, from the contract or from the server's guards. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum([...apiErrorCodes, ...httpRefusalCodes]),
    /** One line saying what went wrong and what the user can do. */
    message: z.string()
  })
})
