import { brandSettingDefaults } from '../shared/brand'
import type { RunCounts, RunRecord, RunStatus, RunTrigger } from '../shared/run'
import type { SqliteDatabase } from './database'

export interface RunRow {
  id: number
  brand_id: number
  brand_name: string
  trigger: RunTrigger
  status: RunStatus
  started_at: string
  ended_at: string | null
  pages_visited: number
  products_found: number
  products_new: number
  products_updated: number
  products_unchanged: number
  products_missing: number
  error_count: number
  dead_links: number
  message: string | null
  worker_id: string | null
}

export function rowToRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    brandId: row.brand_id,
    brandName: row.brand_name,
    trigger: row.trigger,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    pagesVisited: row.pages_visited,
    productsFound: row.products_found,
    productsNew: row.products_new,
    productsUpdated: row.products_updated,
    productsUnchanged: row.products_unchanged,
    productsMissing: row.products_missing,
    errorCount: row.error_count,
    deadLinks: row.dead_links,
    message: row.message,
    workerId: row.worker_id
  }
}

/** Selects runs `r` with their brand's name, as {@link RunRow}s. */
export const selectRun = `SELECT r.*, b.name AS brand_name FROM runs r JOIN brands b ON b.id = r.brand_id`

/** Runs: one row per scrape of one brand. */
export class RunRepository {
  constructor(private readonly db: SqliteDatabase) {}

  /** Starts a run of the brand; `workerId` says which worker it belongs to. */
  start(brandId: number, trigger: RunTrigger, workerId: string | null = null): RunRecord {
    const info = this.db
      .prepare(
        `INSERT INTO runs (brand_id, trigger, status, started_at, worker_id)
         VALUES (?, ?, 'running', ?, ?)`
      )
      .run(brandId, trigger, new Date().toISOString(), workerId)
    return this.get(Number(info.lastInsertRowid))!
  }

  get(id: number): RunRecord | undefined {
    const row = this.db.prepare(`${selectRun} WHERE r.id = ?`).get(id) as RunRow | undefined
    return row && rowToRun(row)
  }

  saveCounts(id: number, counts: RunCounts): void {
    this.db
      .prepare(
        `UPDATE runs SET pages_visited = ?, products_found = ?, products_new = ?,
           products_updated = ?, products_unchanged = ?, products_missing = ?, error_count = ?,
           dead_links = ?
         WHERE id = ?`
      )
      .run(
        counts.pagesVisited,
        counts.productsFound,
        counts.productsNew,
        counts.productsUpdated,
        counts.productsUnchanged,
        counts.productsMissing,
        counts.errorCount,
        counts.deadLinks,
        id
      )
  }

  /**
   * Ends a run still running and records it on its brand, in one transaction: the brand's last
   * status, and when it is next due (its refresh interval after a success, at most an hour after a
   * failure; a stopped or interrupted run leaves it due). A run that already ended is left as it
   * is, so two processes ending the same run cannot overwrite each other.
   */
  finish(id: number, status: Exclude<RunStatus, 'running'>, message: string | null): RunRecord {
    const endedAt = new Date().toISOString()
    this.db.transaction(() => {
      const ended = this.db
        .prepare(
          `UPDATE runs SET status = ?, ended_at = ?, message = ? WHERE id = ? AND status = 'running'`
        )
        .run(status, endedAt, message, id).changes
      if (ended === 0) return
      this.db
        .prepare(
          `UPDATE brands SET last_scraped_at = :at, last_status = :status,
             next_due_at = CASE :status
               WHEN 'succeeded' THEN strftime('%Y-%m-%dT%H:%M:%fZ', :at,
                 '+' || (coalesce(json_extract(settings, '$.refreshHours'), :hours) * 3600) || ' seconds')
               WHEN 'failed' THEN strftime('%Y-%m-%dT%H:%M:%fZ', :at,
                 '+' || (min(coalesce(json_extract(settings, '$.refreshHours'), :hours), 1) * 3600) || ' seconds')
               ELSE next_due_at END
           WHERE id = (SELECT brand_id FROM runs WHERE id = :id)`
        )
        .run({ at: endedAt, status, hours: brandSettingDefaults.refreshHours, id })
    })()
    return this.get(id)!
  }

  /** The runs of one worker that are still running. */
  runningFor(workerId: string): RunRecord[] {
    return (
      this.db
        .prepare(`${selectRun} WHERE r.status = 'running' AND r.worker_id = ?`)
        .all(workerId) as RunRow[]
    ).map(rowToRun)
  }

  /**
   * Runs left `running` by no known worker: recorded before workers had ids, or by a worker whose
   * registration is gone. Only such runs are safe to call interrupted without a lease to go by.
   */
  orphaned(): RunRecord[] {
    return (
      this.db
        .prepare(
          `${selectRun} WHERE r.status = 'running'
             AND (r.worker_id IS NULL OR r.worker_id NOT IN (SELECT id FROM workers))`
        )
        .all() as RunRow[]
    ).map(rowToRun)
  }

  list(options: { brandId?: number; limit: number }): RunRecord[] {
    const rows =
      options.brandId === undefined
        ? this.db.prepare(`${selectRun} ORDER BY r.id DESC LIMIT ?`).all(options.limit)
        : this.db
            .prepare(`${selectRun} WHERE r.brand_id = ? ORDER BY r.id DESC LIMIT ?`)
            .all(options.brandId, options.limit)
    return (rows as RunRow[]).map(rowToRun)
  }

  lastForBrand(brandId: number): RunRecord | undefined {
    const row = this.db
      .prepare(`${selectRun} WHERE r.brand_id = ? ORDER BY r.id DESC LIMIT 1`)
      .get(brandId) as RunRow | undefined
    return row && rowToRun(row)
  }
}
