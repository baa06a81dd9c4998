import { z } from 'zod'
import { crawlOverridesSchema } from './brand'
import { logEntrySchema } from './log-entry'
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
