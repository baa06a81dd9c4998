import type { CrawlOverrides } from '../shared/brand'
import { Coordinator } from '../main/coordinator/coordinator'
import { nodeWorkerTransport } from '../main/coordinator/node-worker-transport'
import { SpareWorker } from '../main/coordinator/spare-worker'
import { loadSeedBrands } from '../store/seed-brands'
import { cliDbPath } from './cli-db-path'
import { logFileFor, seedBrandsFile } from './cli-paths'
import { UsageError } from './usage-error'

/** Options of {@link openCoordinator}. */
export interface OpenCoordinatorOptions {
  /** Crawl settings that win over every brand's own for this session. Default: none. */
  runOverrides?: CrawlOverrides
  /**
   * Where the worker processes come from; the coordinator's shutdown closes it. Default: a new
   * {@link SpareWorker} kept ready in the background (`serve`: a Scrape click takes it).
   */
  spare?: SpareWorker
  /**
   * Keep a worker process ready at all; false where no local worker will run (`serve --queue`):
   * each start then forks its own. Default: true.
   */
  keepSpare?: boolean
}

/**
 * The coordinator a terminal command runs: the worker as a plain Node child process (there is no
 * Electron here), one kept ready ahead of need, the log file beside the catalog, a new catalog
 * seeded with the bundled brands.
 *
 * BRAND_SCRAPER_HEARTBEAT_MS and BRAND_SCRAPER_LEASE_MS set its workers' heartbeat and lease
 * (defaults 2000 and 15 000 ms): tests shorten them to see registry changes quickly.
 */
export function openCoordinator(dbPath: string, options: OpenCoordinatorOptions = {}): Coordinator {
  let spare = options.spare
  try {
    // Checked here too, for the commands that resolve the path themselves (serve).
    cliDbPath(dbPath)
    if (options.keepSpare !== false) spare ??= new SpareWorker(nodeWorkerTransport())
    const source = spare
    return Coordinator.open({
      dbPath,
      workerTransport: source?.transport ?? nodeWorkerTransport(),
      closeWorkerTransport: source && ((): Promise<void> => source.close()),
      logFile: logFileFor(dbPath),
      seedBrands: loadSeedBrands(seedBrandsFile),
      runOverrides: options.runOverrides,
      ...workerTimingFromEnv()
    })
  } catch (error) {
    void spare?.close()
    throw error
  }
}

/** The workers' heartbeat and lease from the environment; each undefined when unset. */
export function workerTimingFromEnv(): { heartbeatMs?: number; leaseMs?: number } {
  return {
    heartbeatMs: envMs('BRAND_SCRAPER_HEARTBEAT_MS', 50, 60_000),
    leaseMs: envMs('BRAND_SCRAPER_LEASE_MS', 200, 600_000)
  }
}

/** A duration in ms from the environment, or undefined when unset. */
export function envMs(name: string, min: number, max: number): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be whole milliseconds from ${min} to ${max}`)
  }
  return value
}
