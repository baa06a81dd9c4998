import type { CrawlOverrides } from '../shared/brand'
import { Coordinator } from '../main/coordinator/coordinator'
import { nodeWorkerTransport } from '../main/coordinator/node-worker-transport'
import { loadSeedBrands } from '../store/seed-brands'
import { logFileFor, seedBrandsFile } from './cli-paths'

/** Options of {@link openCoordinator}. */
export interface OpenCoordinatorOptions {
  /** Crawl settings that win over every brand's own for this session. Default: none. */
  runOverrides?: CrawlOverrides
}

/**
 * The coordinator a terminal command runs: the worker as a plain Node child process (there is no
 * Electron here), the log file beside the catalog, a new catalog seeded with the bundled brands.
 */
export function openCoordinator(dbPath: string, options: OpenCoordinatorOptions = {}): Coordinator {
  return Coordinator.open({
    dbPath,
    workerTransport: nodeWorkerTransport(),
    logFile: logFileFor(dbPath),
    seedBrands: loadSeedBrands(seedBrandsFile),
    runOverrides: options.runOverrides
  })
}
