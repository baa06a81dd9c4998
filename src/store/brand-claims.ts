import type { Brand, WorkerRef } from '../shared/brand'
import type { RunRecord, RunTrigger } from '../shared/run'
import type { BrandRepository } from './brand-repository'
import type { SqliteDatabase } from './database'
import type { RunRepository } from './run-repository'

/** A brand a worker now holds, the run it started for it, and whose expired claim it took. */
export interface Claim {
  brand: Brand
  run: RunRecord
  /** Set when the brand's previous claim had expired: that worker's run is now interrupted. */
  tookOver: { workerId: string; run: RunRecord | null } | null
}

/** Who claims, for how long, and what the run is recorded as. */
export interface ClaimRequest {
  workerId: string
  /** How long the claim lasts unless the worker's heartbeat renews it. */
  leaseMs: number
  trigger: RunTrigger
}

/** The head of the queue for a waiting worker: which brand, and when it is due. */
export interface NextDue {
  brand: Brand
  dueAt: string | null
}

interface ClaimRow {
  worker_id: string
  run_id: number | null
  expires_at: string
}

/**
 * Claims (leases) on brands: a brand is scraped only under a claim, taken atomically in the
 * catalog (one IMMEDIATE transaction: WAL and the busy timeout make other processes wait, not
 * fail), renewed by the holder's heartbeat and released at the end. Any number of workers on one
 * catalog never scrape the same brand at once; an expired claim is taken over.
 *
 * The queue order: brands never scraped (or never finished) first, then the earliest next-due
 * time, ties by higher priority.
 */
export class BrandClaims {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly brands: BrandRepository,
    private readonly runs: RunRepository
  ) {}

  /**
   * Claims the first brand in the queue that no live claim holds and starts its run. With
   * `dueBy`, only a brand due by then (continuous mode waits for the rest); without it, the head
   * of the queue even when it is not yet due (`once` rotates through every brand).
   */
  claimNext(request: ClaimRequest, options: { dueBy?: string } = {}): Claim | undefined {
    return this.db
      .transaction((): Claim | undefined => {
        const now = new Date().toISOString()
        const row = this.db
          .prepare(
            `SELECT b.id FROM brands b
             LEFT JOIN claims c ON c.brand_id = b.id AND c.expires_at > :now
             WHERE b.enabled = 1 AND c.brand_id IS NULL
               AND (:dueBy IS NULL OR b.next_due_at IS NULL OR b.next_due_at <= :dueBy)
             ORDER BY b.next_due_at IS NOT NULL, b.next_due_at, b.priority DESC, b.id
             LIMIT 1`
          )
          .get({ now, dueBy: options.dueBy ?? null }) as { id: number } | undefined
        return row ? this.take(row.id, request, now) : undefined
      })
      .immediate()
  }

  /** Claims one brand; when another worker holds it, says which. */
  claimBrand(brandId: number, request: ClaimRequest): Claim | { heldBy: WorkerRef } {
    return this.db
      .transaction((): Claim | { heldBy: WorkerRef } => {
        const now = new Date().toISOString()
        const heldBy = this.holder(brandId, now)
        if (heldBy && heldBy.id !== request.workerId) return { heldBy }
        return this.take(brandId, request, now)
      })
      .immediate()
  }

  /** The worker holding a live claim on the brand, if any. */
  holder(brandId: number, now = new Date().toISOString()): WorkerRef | undefined {
    const row = this.db
      .prepare(
        `SELECT c.worker_id AS id, w.host, w.pid FROM claims c
         LEFT JOIN workers w ON w.id = c.worker_id
         WHERE c.brand_id = ? AND c.expires_at > ?`
      )
      .get(brandId, now) as { id: string; host: string | null; pid: number | null } | undefined
    return row && { id: row.id, host: row.host ?? 'unknown host', pid: row.pid ?? 0 }
  }

  /** Every live claim, by brand id. */
  holders(now = new Date().toISOString()): Map<number, WorkerRef> {
    const rows = this.db
      .prepare(
        `SELECT c.brand_id, c.worker_id AS id, w.host, w.pid FROM claims c
         LEFT JOIN workers w ON w.id = c.worker_id WHERE c.expires_at > ?`
      )
      .all(now) as Array<{ brand_id: number; id: string; host: string | null; pid: number | null }>
    return new Map(
      rows.map((row) => [
        row.brand_id,
        { id: row.id, host: row.host ?? 'unknown host', pid: row.pid ?? 0 }
      ])
    )
  }

  /** When the first claim held by another worker runs out, unless renewed; null when none. */
  earliestExpiry(exceptWorkerId: string): string | null {
    const row = this.db
      .prepare('SELECT min(expires_at) AS at FROM claims WHERE worker_id != ?')
      .get(exceptWorkerId) as { at: string | null }
    return row.at
  }

  /** Ends the worker's claim on the brand. */
  release(workerId: string, brandId: number): void {
    this.db
      .prepare('DELETE FROM claims WHERE brand_id = ? AND worker_id = ?')
      .run(brandId, workerId)
  }

  /** The first brand in the queue that no one holds, with when it is due, for a waiting worker. */
  nextDue(): NextDue | undefined {
    const row = this.db
      .prepare(
        `SELECT b.id, b.next_due_at FROM brands b
         LEFT JOIN claims c ON c.brand_id = b.id AND c.expires_at > ?
         WHERE b.enabled = 1 AND c.brand_id IS NULL
         ORDER BY b.next_due_at IS NOT NULL, b.next_due_at, b.priority DESC, b.id LIMIT 1`
      )
      .get(new Date().toISOString()) as { id: number; next_due_at: string | null } | undefined
    const brand = row && this.brands.get(row.id)
    return brand && { brand, dueAt: row.next_due_at }
  }

  private take(brandId: number, request: ClaimRequest, now: string): Claim {
    const brand = this.brands.get(brandId)
    if (!brand) throw new Error(`Brand ${brandId} is not in the catalog.`)
    const previous = this.db
      .prepare('SELECT worker_id, run_id, expires_at FROM claims WHERE brand_id = ?')
      .get(brandId) as ClaimRow | undefined
    let tookOver: Claim['tookOver'] = null
    if (previous && previous.worker_id !== request.workerId) {
      const run = previous.run_id === null ? undefined : this.runs.get(previous.run_id)
      const interrupted =
        run?.status === 'running'
          ? this.runs.finish(
              run.id,
              'interrupted',
              `Its worker ${previous.worker_id} stopped renewing its claim; ${request.workerId} took the brand over.`
            )
          : null
      tookOver = { workerId: previous.worker_id, run: interrupted }
    }
    const run = this.runs.start(brandId, request.trigger, request.workerId)
    const expiresAt = new Date(Date.parse(now) + request.leaseMs).toISOString()
    this.db
      .prepare(
        `INSERT INTO claims (brand_id, worker_id, run_id, claimed_at, expires_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (brand_id) DO UPDATE SET worker_id = excluded.worker_id,
           run_id = excluded.run_id, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at`
      )
      .run(brandId, request.workerId, run.id, now, expiresAt)
    return { brand, run, tookOver }
  }
}
