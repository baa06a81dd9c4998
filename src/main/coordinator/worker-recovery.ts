import type { LogLevel } from '../../shared/log-entry'
import type { RunRecord } from '../../shared/run'
import type { CatalogStore } from '../../store/catalog-store'
import type { LapsedWorker } from '../../store/worker-registry'
import { describeExit, describeWorker } from './worker-exit-report'
import type { WorkerHostExit } from './worker-host'

/** Writes a coordinator log line about a brand. */
export type RecoveryLog = (level: LogLevel, message: string, brand: string | null) => void

/**
 * Recovery by lease, as the coordinator does its part: a worker process of its own that exits is
 * expired in the registry at once (its running runs become `interrupted`, its claims free), and
 * workers whose lease lapsed are reported when the registry is reaped. Only the run of a worker
 * known to be gone is ever marked; another worker's live run never is.
 */
export class WorkerRecovery {
  constructor(
    private readonly store: CatalogStore,
    private readonly log: RecoveryLog
  ) {}

  /**
   * One of this coordinator's processes exited: `workerId` is what it registered as (null when it
   * ended before saying so, and so before registering).
   */
  expire(workerId: string | null, pid: number | null, exit: WorkerHostExit): void {
    if (!workerId) return
    const who = describeWorker(workerId, pid)
    const why = exit.crashed
      ? `Its ${who} crashed (${describeExit(exit)}).`
      : `Its ${who} ended before finishing it.`
    let interrupted: RunRecord[]
    try {
      interrupted = this.store.workers.expire(workerId, why)
    } catch (error) {
      this.log(
        'warn',
        `Could not release the claims of ${who}: ${(error as Error).message}. They lapse with its lease.`,
        null
      )
      return
    }
    // The exit line says how it ended; these only say which run it left.
    for (const run of interrupted) {
      this.log(
        'warn',
        `Run ${run.id} of ${run.brandName} was interrupted: ${who} ended without finishing it.`,
        run.brandName
      )
    }
  }

  /** Reports what a reap of the registry found. */
  reaped(result: { lapsed: LapsedWorker[]; orphaned: RunRecord[] }): void {
    for (const worker of result.lapsed) {
      if (worker.interrupted.length === 0) {
        this.log('info', `Removed worker ${worker.id} from the registry: ${worker.why}`, null)
      }
      for (const run of worker.interrupted) {
        this.log(
          'warn',
          `Run ${run.id} of ${run.brandName} was interrupted: ${worker.why}`,
          run.brandName
        )
      }
    }
    for (const run of result.orphaned) {
      this.log(
        'warn',
        `Run ${run.id} of ${run.brandName} was left running by a worker that ended; marked interrupted.`,
        run.brandName
      )
    }
  }
}
