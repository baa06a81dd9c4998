import { z } from 'zod'
import { logLevelSchema } from './log-entry'
import { runStatusValues } from './brand'

/**
 * The coordinator ↔ worker protocol: one tagged union each way, validated on receipt at both ends.
 * The transport (Electron utilityProcess port or Node child-process IPC) only moves these objects.
 */

/** Everything a worker needs to run; sent as the first message. */
export const workerRunConfigSchema = z.object({
  mode: z.enum(['continuous', 'once', 'brand']),
  /** Seconds to wait between brands in continuous mode. */
  delaySeconds: z.number().min(0).default(60),
  /** Required when mode is 'brand'. */
  brand: z.string().optional(),
  /** Absolute path of the SQLite database file. */
  dbPath: z.string().min(1),
  /** better-sqlite3 addon built for the host's ABI (Electron); default: node_modules' build. */
  sqliteNativeBinding: z.string().optional(),
  /** Override the per-site request concurrency for this run. */
  concurrency: z.number().int().min(1).max(16).optional(),
  /** Override the per-site minimum delay between requests for this run, in milliseconds. */
  minDelayMs: z.number().int().min(0).optional(),
  /** Cap on pages per brand for this run. */
  maxPages: z.number().int().min(1).optional(),
  /** Fetch every page with the browser (no HTTP-first); for comparisons. */
  browserOnly: z.boolean().optional(),
  /** Which trigger to record on the run. */
  trigger: z.enum(['continuous', 'once', 'brand', 'cli']).optional()
})

export type WorkerRunConfig = z.infer<typeof workerRunConfigSchema>
export type WorkerRunConfigInput = z.input<typeof workerRunConfigSchema>

export const coordinatorMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), config: workerRunConfigSchema }),
  /** Finish or abandon the page in flight, mark the run stopped, close the browser, exit 0. */
  z.object({ type: z.literal('stop') })
])

export type CoordinatorMessage = z.infer<typeof coordinatorMessageSchema>

const progressSchema = z.object({
  brand: z.string(),
  runId: z.number(),
  pagesDiscovered: z.number(),
  pagesDone: z.number(),
  productsSaved: z.number(),
  productsNew: z.number(),
  productsUpdated: z.number(),
  errors: z.number(),
  currentUrl: z.string().nullable(),
  startedAt: z.string()
})

const logEntrySchema = z.object({
  id: z.number(),
  time: z.string(),
  level: logLevelSchema,
  source: z.enum(['worker', 'coordinator', 'browser']),
  brand: z.string().nullable(),
  runId: z.number().nullable(),
  message: z.string()
})

export const workerMessageSchema = z.discriminatedUnion('type', [
  /** The worker process is up and waits for its `run` message. */
  z.object({ type: z.literal('ready'), pid: z.number() }),
  z.object({ type: z.literal('brand-started'), brand: z.string(), runId: z.number() }),
  z.object({ type: z.literal('progress'), progress: progressSchema }),
  z.object({
    type: z.literal('brand-finished'),
    brand: z.string(),
    runId: z.number(),
    status: z.enum(runStatusValues),
    message: z.string().nullable()
  }),
  /** Continuous mode waits before the next brand (interruptible by stop). */
  z.object({ type: z.literal('waiting'), until: z.string() }),
  /**
   * Log lines the worker has already stored, batched: a fast crawl writes a line per page, and
   * one message per line would keep waking the coordinator that must stay responsive.
   */
  z.object({ type: z.literal('logs'), entries: z.array(logEntrySchema).min(1) }),
  /** The worker is about to exit by itself; `error` is set when it could not do its work. */
  z.object({ type: z.literal('finished'), error: z.string().nullable() })
])

export type WorkerMessage = z.infer<typeof workerMessageSchema>
