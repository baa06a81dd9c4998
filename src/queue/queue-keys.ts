/** The BullMQ queue of scrape jobs: one job per brand, its job id the brand's id. */
export const scrapeQueueName = 'brand-scrape'

/** The Redis Stream remote workers add their results to, read by the one coordinator. */
export const resultStreamKey = 'brand-scraper:results'

/** The stream's consumer group and the coordinator's consumer name in it (one writer). */
export const coordinatorGroup = 'coordinator'
export const coordinatorConsumer = 'catalog-writer'

/**
 * A worker's control key: the coordinator sets `stop` (end the worker) or `abort` (stop its
 * current crawls, take the next job); the worker reads and deletes it every heartbeat.
 */
export function controlKey(workerId: string): string {
  return `brand-scraper:control:${workerId}`
}

/** What a worker is told through its {@link controlKey}. */
export type WorkerControl = 'stop' | 'abort'
