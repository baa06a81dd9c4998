import { z } from 'zod'
import { workerModeSchema } from './worker-mode'

export const runStatusValues = ['running', 'succeeded', 'failed', 'stopped', 'interrupted'] as const

export type RunStatus = (typeof runStatusValues)[number]

/** What started a run: the worker's mode, or `cli` for a scrape started from the terminal. */
export const runTriggerSchema = z.union([workerModeSchema, z.literal('cli')])

export type RunTrigger = z.infer<typeof runTriggerSchema>

/**
 * Counters a run accumulates, written as it goes so a killed run still shows its work. The one
 * vocabulary for them: the catalog's run rows, the worker's progress and every view use these names.
 */
export const runCountsSchema = z.object({
  /** Pages fetched, or given up on. */
  pagesVisited: z.number().int().min(0),
  /** Products saved in this run (new, updated and unchanged). */
  productsFound: z.number().int().min(0),
  productsNew: z.number().int().min(0),
  productsUpdated: z.number().int().min(0),
  productsUnchanged: z.number().int().min(0),
  /** Products a complete run no longer found, flagged missing at its end. */
  productsMissing: z.number().int().min(0),
  /**
   * Pages that should have worked and could not be read: 5xx after retries, timeouts, network
   * and parse failures.
   */
  errorCount: z.number().int().min(0),
  /** Links that answered 404 or 410: the site's dead links, not the scraper's errors. */
  deadLinks: z.number().int().min(0)
})

export type RunCounts = z.infer<typeof runCountsSchema>

/** A run's counters before it has done anything. */
export function emptyRunCounts(): RunCounts {
  return {
    pagesVisited: 0,
    productsFound: 0,
    productsNew: 0,
    productsUpdated: 0,
    productsUnchanged: 0,
    productsMissing: 0,
    errorCount: 0,
    deadLinks: 0
  }
}

/** What saving a product did; decided by the store's content hash. */
export type SaveOutcome = 'new' | 'updated' | 'unchanged'

/** One scrape of one brand. */
export interface RunRecord extends RunCounts {
  id: number
  brandId: number
  brandName: string
  trigger: RunTrigger
  status: RunStatus
  startedAt: string
  endedAt: string | null
  message: string | null
  /** The worker that ran it (null for runs recorded before workers had ids). */
  workerId: string | null
}
