import { z } from 'zod'
import { workerModeSchema } from './worker-mode'
import { workerProgressSchema } from './worker-status'

/** What a registered worker is doing. */
export const workerRecordStateSchema = z.enum([
  'starting',
  'running',
  'waiting',
  'idle',
  'stopping'
])

export type WorkerRecordState = z.infer<typeof workerRecordStateSchema>

/**
 * A worker as the catalog's registry lists it, whoever started it (the app, `serve`, a terminal),
 * shaped like the original API's snake_case status. Served by `GET /api/workers`.
 */
export const workerRecordSchema = z.object({
  /** `host-pid-random`: unique across machines and restarts. */
  id: z.string(),
  pid: z.number().int(),
  host: z.string(),
  mode: workerModeSchema,
  state: workerRecordStateSchema,
  current_brand: z.string().nullable(),
  progress: workerProgressSchema.nullable(),
  /** The brand a continuous worker waits for, and when it is due. */
  next_brand: z.string().nullable(),
  next_brand_at: z.string().nullable(),
  started_at: z.string(),
  heartbeat_at: z.string(),
  /** A stop was asked for; the worker picks it up within a heartbeat. */
  stop_requested: z.boolean()
})

export type WorkerRecord = z.infer<typeof workerRecordSchema>

/** How often a worker says it is alive, and how long its claims last without that. */
export const defaultHeartbeatMs = 2000
export const defaultLeaseMs = 15_000
