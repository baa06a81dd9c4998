import { setPriority } from 'node:os'

/**
 * Lowers a worker process to background CPU priority (nice 10): scraping, and a spare loading
 * its code, are background work, and the worker's Chromium inherits the priority, so the
 * coordinator answering the user is never starved on a small machine. Does nothing without a
 * pid (a transport that has none yet).
 */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    setPriority(pid, 10)
  } catch {
    // Not permitted on some systems; the work is the same, only without the hint.
  }
}
