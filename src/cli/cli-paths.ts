import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { logFileName } from '../store/default-paths'
import { seedBrandsFileIn } from '../store/seed-brands'

/** The repository (or installed package) root, from this file's place in `src/cli`. */
export const packageRoot = fileURLToPath(new URL('../..', import.meta.url))

export const seedBrandsFile = seedBrandsFileIn(packageRoot)

/** The built renderer that `serve` hosts. */
export const rendererDir = join(packageRoot, 'out', 'renderer')

/** The log file sits beside the catalog it belongs to. */
export function logFileFor(dbPath: string): string {
  return join(dirname(dbPath), logFileName)
}
