import { z } from 'zod'
import { brandSettingsSchema, crawlOverridesSchema } from './brand'
import { logEntrySchema, logLevelSchema } from './log-entry'
import { extractedProductSchema } from './product'
import { runStatusValues } from './run'
import { delaySchema, workerModeSchema } from './worker-mode'
import { defaultHeartbeatMs, defaultLeaseMs } from './worker-record'
import { workerProgressSchema } from './worker-status'

/**
 * The coordinator ↔ worker protocol: one tagged union each way, validated on receipt at both ends.
 * The transport (Electron utilityProcess port or Node child-process IPC) only moves these objects.
 */

/** Everything a worker needs to run; sent as the first message. */
export const workerRunConfigSchema = crawlOverridesSchema.extend({
  mode: workerModeSchema,
  delay: delaySchema,
  /** The brand to scrape, by catalog id; required when mode is 'brand'. */
  brandId: z.number().int().min(1).optional(),
  /** Absolute path of the SQLite database file. */
  dbPath: z.string().min(1),
  /** better-sqlite3 addon built for the host's ABI (Electron); default: node_modules' build. */
  sqliteNativeBinding: z.string().optional(),
  /** How often the worker renews its lease and looks for a stop request. Default: 2000 ms. */
  heartbeatMs: z.number().int().min(50).max(60_000).default(defaultHeartbeatMs),
  /** How long its claims last without a heartbeat before another worker may take over. Default: 15 000 ms. */
  leaseMs: z.number().int().min(200).max(600_000).default(defaultLeaseMs)
})

export type WorkerRunConfig = z.infer<typeof workerRunConfigSchema>
export type WorkerRunConfigInput = z.input<typeof workerRunConfigSchema>

export const coordinatorMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), config: workerRunConfigSchema }),
  /** Finish or abandon the page in flight, mark the run stopped, close the browser, exit 0. */
  z.object({ type: z.literal('stop') })
])

export type CoordinatorMessage = z.infer<typeof coordinatorMessageSchema>

export const workerMessageSchema = z.discriminatedUnion('type', [
  /** The worker process is up and waits for its `run` message. */
  z.object({
    type: z.literal('ready'),
    pid: z.number(),
    /** Its id in the catalog's worker registry. */
    workerId: z.string()
  }),
  z.object({ type: z.literal('brand-started'), brand: z.string(), runId: z.number() }),
  z.object({ type: z.literal('progress'), progress: workerProgressSchema }),
  z.object({
    type: z.literal('brand-finished'),
    brand: z.string(),
    runId: z.number(),
    status: z.enum(runStatusValues),
    message: z.string().nullable()
  }),
  /** Continuous mode waits before the next brand (interruptible by stop). */
  z.object({
    type: z.literal('waiting'),
    until: z.string(),
    /** The brand it waits for, when one is due then. */
    brand: z.string().nullable()
  }),
  /**
   * Log lines the worker has already stored, batched: a fast crawl writes a line per page, and
   * one message per line would keep waking the coordinator that must stay responsive.
   */
  z.object({ type: z.literal('logs'), entries: z.array(logEntrySchema).min(1) }),
  /**
   * The worker is about to exit by itself: `error` when it could not do its work (exit code 1),
   * `notice` when there was nothing for it to do (an idle state, exit code 0), saying what to do.
   */
  z.object({
    type: z.literal('finished'),
    error: z.string().nullable(),
    notice: z.string().nullable()
  })
])

export type WorkerMessage = z.infer<typeof workerMessageSchema>

/** How a brand's pages are fetched (the crawl remembers what worked). */
export const fetchModeSchema = z.enum(['http', 'browser'])

/**
 * A scrape job on the Redis queue (BullMQ): one per brand at a time, its job id the brand's id.
 * It carries what a remote worker, which has no catalog, needs to crawl the brand.
 */
export const remoteJobSchema = z.object({
  brand: z.object({
    id: z.number().int().min(1),
    name: z.string().min(1),
    website: z.string().min(1),
    settings: brandSettingsSchema
  }),
  overrides: crawlOverridesSchema,
  /** What worked for this brand last time (`http` or `browser`), or null. */
  fetchStrategy: fetchModeSchema.nullable()
})

export type RemoteJob = z.infer<typeof remoteJobSchema>

/** What a remote worker says of itself in each heartbeat. */
export const remoteWorkerStateSchema = z.enum(['running', 'idle', 'stopping'])

/** A remote worker's counters for one attempt at a brand (the coordinator counts products). */
export const remoteProgressSchema = z.object({
  pagesDiscovered: z.number().int().min(0),
  pagesVisited: z.number().int().min(0),
  productsFound: z.number().int().min(0),
  errorCount: z.number().int().min(0),
  deadLinks: z.number().int().min(0),
  currentUrl: z.string().nullable()
})

export type RemoteProgress = z.infer<typeof remoteProgressSchema>

const remoteWorkerRef = {
  workerId: z.string().min(1).max(200),
  host: z.string().min(1).max(255),
  pid: z.number().int().min(0)
}

/**
 * One entry a remote worker adds to the results stream in Redis. The coordinator validates each,
 * commits it to the catalog and only then acknowledges it. `attemptId` names one worker's attempt
 * at one job: a job taken over after its worker died is a new attempt, hence a new run.
 */
export const remoteEntrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('heartbeat'),
    ...remoteWorkerRef,
    state: remoteWorkerStateSchema,
    startedAt: z.string(),
    leaseMs: z.number().int().min(200).max(600_000),
    /** The brands it crawls now, by id, with their progress. */
    current: z.array(z.object({ attemptId: z.string(), brandId: z.number().int() })).max(64)
  }),
  z.object({
    type: z.literal('run-started'),
    ...remoteWorkerRef,
    attemptId: z.string().min(1).max(100),
    brandId: z.number().int().min(1),
    startedAt: z.string(),
    leaseMs: z.number().int().min(200).max(600_000)
  }),
  z.object({
    type: z.literal('product'),
    attemptId: z.string().min(1).max(100),
    url: z.string().min(1).max(4000),
    product: extractedProductSchema
  }),
  z.object({
    type: z.literal('progress'),
    attemptId: z.string().min(1).max(100),
    progress: remoteProgressSchema
  }),
  z.object({
    type: z.literal('fetch-strategy'),
    brandId: z.number().int().min(1),
    strategy: fetchModeSchema
  }),
  z.object({
    type: z.literal('logs'),
    workerId: z.string(),
    host: z.string(),
    entries: z
      .array(
        z.object({
          time: z.string(),
          level: logLevelSchema,
          brand: z.string().nullable(),
          attemptId: z.string().nullable(),
          message: z.string().max(20_000)
        })
      )
      .min(1)
      .max(500)
  }),
  z.object({
    type: z.literal('run-finished'),
    attemptId: z.string().min(1).max(100),
    status: z.enum(['succeeded', 'failed', 'stopped']),
    message: z.string().nullable(),
    /** The crawl saw every page it discovered: products it did not see may be flagged missing. */
    complete: z.boolean(),
    progress: remoteProgressSchema
  }),
  /** The worker ends (a graceful stop): its registration goes. */
  z.object({ type: z.literal('worker-gone'), workerId: z.string() })
])

export type RemoteEntry = z.infer<typeof remoteEntrySchema>
