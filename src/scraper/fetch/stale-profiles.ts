import { lstatSync, readdirSync, readlinkSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { processAlive } from '../../store/process-alive'

/** The folder name Playwright gives each Chromium profile it creates in the temp dir. */
const profilePrefix = 'playwright_chromiumdev_profile-'

/**
 * Whether a profile folder was left by a browser that is gone. Chromium keeps a `SingletonLock`
 * link to `host-pid` while it runs: a dead pid on this host means the worker was killed before
 * Playwright could clean up. A folder without a lock is stale once older than `minAgeMs` (a
 * browser starting up has not written its lock yet).
 */
function isStale(folder: string, now: number, minAgeMs: number): boolean {
  let lock: string
  try {
    lock = readlinkSync(join(folder, 'SingletonLock'))
  } catch {
    return now - lstatSync(folder).mtimeMs > minAgeMs
  }
  const match = /^(.*)-(\d+)$/.exec(lock)
  if (match == null || match[1] !== hostname()) return false
  return !processAlive(Number(match[2]))
}

/**
 * Removes the Chromium profile folders that killed workers left in the temp dir (a profile is
 * tens of MB, one per launch), leaving those of browsers still running. Returns the folders
 * removed. Never throws: a folder that cannot be read or removed is left for next time.
 */
export function cleanStaleProfiles(directory = tmpdir(), minAgeMs = 10 * 60_000): string[] {
  const removed: string[] = []
  let names: string[]
  try {
    names = readdirSync(directory).filter((name) => name.startsWith(profilePrefix))
  } catch {
    return removed
  }
  const now = Date.now()
  for (const name of names) {
    const folder = join(directory, name)
    try {
      if (!isStale(folder, now, minAgeMs)) continue
      rmSync(folder, { recursive: true, force: true })
      removed.push(folder)
    } catch {
      // Left for the next start.
    }
  }
  return removed
}
