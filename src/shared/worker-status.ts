import { z } from 'zod'
import { runCountsSchema } from './run'
import type { WorkerMode } from './worker-mode'

/** The coordinator's view of the worker process. */
export type WorkerState = 'stopped' | 'starting' | 'running' | 'stopping' | 'crashed'

/** Live progress of the brand being scraped: the run's counters so far and where it is. */
export const workerProgressSchema = runCountsSchema
  .pick({
    pagesVisited: true,
    productsFound: true,
    productsNew: true,
    productsUpdated: true,
    errorCount: true
  })
  .extend({
    brand: z.string(),
    runId: z.number().int(),
    /** Product and listing pages known so far. */
    pagesDiscovered: z.number().int().min(0),
    currentUrl: z.string().nullable(),
    startedAt: z.string()
  })

export type WorkerProgress = z.infer<typeof workerProgressSchema>

/** Why the last worker process ended. */
export interface WorkerExit {
  code: number | null
  signal: string | null
  /** True when the process ended without being asked to, or with a non-zero code. */
  crashed: boolean
  reason: string
  at: string
}

/**
 * Worker status, shaped like the original FastAPI `GET /api/worker/status` (snake_case), with the
 * desktop app's extra fields.
 */
export interface WorkerStatus {
  /**
   * Grows with every change of state. A client keeps the status with the highest version: a pushed
   * event may overtake the answer to a request sent before it.
   */
  version: number
  is_running: boolean
  state: WorkerState
  pid: number | null
  mode: WorkerMode | null
  /** Seconds between brands in continuous mode. */
  delay: number | null
  current_brand: string | null
  progress: WorkerProgress | null
  started_at: string | null
  /** The continuous worker is waiting until then before the next brand… */
  next_brand_at: string | null
  /** …which is this one, when it waits for a brand to fall due. */
  next_brand: string | null
  /** Worker processes this coordinator runs (`workers: N` on start). */
  worker_count: number
  /** Every live worker on the catalog, whoever started it (the app, `serve`, a terminal). */
  workers: number
  /**
   * Why the last worker had nothing to do (no enabled brand, every brand held by another
   * worker), saying what to do: an idle state, not a crash.
   */
  notice: string | null
  last_exit: WorkerExit | null
  /** Crashes in the last 10 minutes (continuous mode restarts with backoff). */
  recent_crashes: number
  /** Set when the coordinator stopped restarting a crashing worker, saying why. */
  gave_up: string | null
}

export const idleWorkerStatus: WorkerStatus = {
  version: 0,
  is_running: false,
  state: 'stopped',
  pid: null,
  mode: null,
  delay: null,
  current_brand: null,
  progress: null,
  started_at: null,
  next_brand_at: null,
  next_brand: null,
  worker_count: 0,
  workers: 0,
  notice: null,
  last_exit: null,
  recent_crashes: 0,
  gave_up: null
}
