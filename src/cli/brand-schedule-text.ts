import type { WorkerRef } from '../shared/brand'

/** An ISO time as `YYYY-MM-DD HH:MM:SS` (UTC), as the table shows times. */
export function formatTime(iso: string): string {
  return iso.replace('T', ' ').slice(0, 19)
}

/** When a brand is due: `now` for one never scraped (the head of the queue). */
export function formatDue(nextDueAt: string | null): string {
  return nextDueAt ? formatTime(nextDueAt) : 'now'
}

/** The worker holding a brand, enough to find it: its id names host and pid. */
export function heldBy(worker: WorkerRef): string {
  return `worker ${worker.id} (pid ${worker.pid} on ${worker.host})`
}
