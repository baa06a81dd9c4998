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
  message: string | null
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
    message: row.message
  }
}

/** Selects runs `r` with their brand's name, as {@link RunRow}s. */
export const selectRun = `SELECT r.*, b.name AS brand_name FROM runs r JOIN brands b ON b.id = r.brand_id`

/** Runs: one row per scrape of one brand. */
export class RunRepository {
  constructor(private readonly db: SqliteDatabase) {}

  start(brandId: number, trigger: RunTrigger): RunRecord {
    const info = this.db
      .prepare(
        `INSERT INTO runs (brand_id, trigger, status, started_at) VALUES (?, ?, 'running', ?)`
      )
      .run(brandId, trigger, new Date().toISOString())
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
           products_updated = ?, products_unchanged = ?, products_missing = ?, error_count = ?
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
        id
      )
  }

  /** Ends the run and records it on its brand, in one transaction. */
  finish(id: number, status: Exclude<RunStatus, 'running'>, message: string | null): RunRecord {
    const endedAt = new Date().toISOString()
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE runs SET status = ?, ended_at = ?, message = ? WHERE id = ?')
        .run(status, endedAt, message, id)
      this.db
        .prepare(
          `UPDATE brands SET last_scraped_at = ?, last_status = ?
           WHERE id = (SELECT brand_id FROM runs WHERE id = ?)`
        )
        .run(endedAt, status, id)
    })()
    return this.get(id)!
  }

  /**
   * Marks every run still `running` as `interrupted`: called when a worker starts, since at most
   * one worker runs at a time, so such a run belongs to a worker that died.
   */
  markInterrupted(): RunRecord[] {
    const stale = (
      this.db.prepare(`${selectRun} WHERE r.status = 'running'`).all() as RunRow[]
    ).map(rowToRun)
    for (const run of stale) {
      this.finish(run.id, 'interrupted', 'The worker ended before this run finished.')
    }
    return stale.map((run) => this.get(run.id)!)
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
