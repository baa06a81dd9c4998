import { ApiError } from '../../shared/api-error'
import type { WorkerRef } from '../../shared/brand'
import { defaultDelaySeconds, type WorkerMode } from '../../shared/worker-mode'
import type { WorkerRunConfigInput } from '../../shared/worker-protocol'
import type { WorkerStatus } from '../../shared/worker-status'
import type { CoordinatorOptions } from './coordinator-options'

/**
 * A worker run as the coordinator asks for it; the catalog file is added at launch. `brandName`
 * is what the status shows while the worker looks the brand up by id.
 */
export type LaunchRequest = Omit<WorkerRunConfigInput, 'dbPath'> & {
  mode: WorkerMode
  brandName?: string
}

/**
 * The run configuration every launched worker gets: the coordinator's crawl overrides, the
 * request, and the catalog file with the coordinator's lease timings.
 */
export function launchConfig(
  run: LaunchRequest,
  dbPath: string,
  options: Pick<
    CoordinatorOptions,
    'runOverrides' | 'sqliteNativeBinding' | 'heartbeatMs' | 'leaseMs'
  >
): WorkerRunConfigInput {
  const { brandName: _shownOnly, ...request } = run
  return {
    ...options.runOverrides,
    ...request,
    dbPath,
    sqliteNativeBinding: options.sqliteNativeBinding,
    heartbeatMs: options.heartbeatMs,
    leaseMs: options.leaseMs
  }
}

/** The `conflict` refusal of a launch while this coordinator's workers (`pids`) still run. */
export function workersBusyError(
  pids: ReadonlyArray<number | '?'>,
  status: WorkerStatus
): ApiError {
  const { mode, current_brand: brand } = status
  return new ApiError(
    'conflict',
    `${pids.length === 1 ? 'The worker is' : `${pids.length} workers are`} already running ` +
      `(pid ${pids.join(', ')}, ${mode} mode${brand ? `, scraping ${brand}` : ''}). ` +
      'Stop it first, or wait for it to finish.'
  )
}

/** The `conflict` refusal of scraping `brand` while another worker holds its claim. */
export function brandHeldError(brand: string, holder: WorkerRef): ApiError {
  return new ApiError(
    'conflict',
    `${brand} is being scraped by worker ${holder.id} (pid ${holder.pid} on ${holder.host}). ` +
      'Wait for it to finish, or stop that worker first.'
  )
}

/** The log line of a launch: which workers started, in which mode, for what. */
export function launchedMessage(run: LaunchRequest, pids: ReadonlyArray<number | null>): string {
  const who =
    pids.length === 1
      ? `the worker (pid ${pids[0]})`
      : `${pids.length} workers (pid ${pids.join(', ')})`
  return (
    `Started ${who} in ${run.mode} mode` +
    (run.mode === 'brand'
      ? ` for ${run.brandName}.`
      : run.mode === 'continuous'
        ? `, ${run.delay ?? defaultDelaySeconds} s between brands.`
        : '.')
  )
}
