import { hostname } from 'node:os'
import type { WorkerMode } from '../shared/worker-mode'
import { workerProgressSchema, type WorkerProgress } from '../shared/worker-status'
import type { WorkerRecord, WorkerRecordState } from '../shared/worker-record'
import type { SqliteDatabase } from './database'
import { processAlive } from './process-alive'
import type { RunRepository } from './run-repository'
import type { RunRecord } from '../shared/run'

interface WorkerRow {
  id: string
  pid: number
  host: string
  mode: WorkerMode
  state: WorkerRecordState
  current_brand: string | null
  progress: string | null
  next_brand: string | null
  next_brand_at: string | null
  started_at: string
  heartbeat_at: string
  lease_ms: number
  stop_requested_at: string | null
}

const selectWorker = `SELECT w.*, cb.name AS current_brand, nb.name AS next_brand
  FROM workers w
  LEFT JOIN brands cb ON cb.id = w.current_brand_id
  LEFT JOIN brands nb ON nb.id = w.next_brand_id`

function rowToWorker(row: WorkerRow): WorkerRecord {
  const progress = row.progress ? workerProgressSchema.safeParse(JSON.parse(row.progress)) : null
  return {
    id: row.id,
    pid: row.pid,
    host: row.host,
    mode: row.mode,
    state: row.state,
    current_brand: row.current_brand,
    progress: progress?.success ? progress.data : null,
    next_brand: row.next_brand,
    next_brand_at: row.next_brand_at,
    started_at: row.started_at,
    heartbeat_at: row.heartbeat_at,
    stop_requested: row.stop_requested_at !== null
  }
}

/** What a worker says of itself between heartbeats. */
export interface WorkerActivity {
  state?: WorkerRecordState
  /** The brand it scrapes now, by id; null when between brands. */
  currentBrandId?: number | null
  progress?: WorkerProgress | null
  /** The brand a continuous worker waits for, and when. */
  nextBrandId?: number | null
  nextBrandAt?: string | null
}

/** Options of {@link WorkerRegistry.reap}. */
export interface ReapOptions {
  /**
   * Whether lapsed leases count. False while the heartbeats of workers on other machines may still
   * wait in the results stream (a coordinator that just started, or lost Redis): then only workers
   * of this machine whose process is gone are expired. Default: true.
   */
  leases?: boolean
}

/** A worker that stopped renewing its lease, and the runs of it that were marked interrupted. */
export interface LapsedWorker {
  id: string
  host: string
  pid: number
  why: string
  interrupted: RunRecord[]
}

/** A new worker's identity: unique across machines and restarts. */
export function newWorkerId(pid = process.pid): string {
  return `${hostname()}-${pid}-${Math.random().toString(36).slice(2, 6)}`
}

/**
 * The catalog's registry of workers: every worker process (the app's, `serve`'s, a terminal's,
 * on this machine or another sharing the file) registers, renews a lease with its heartbeat, and
 * is removed when it ends or its lease lapses. Claims on brands ride on the same lease.
 */
export class WorkerRegistry {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly runs: RunRepository
  ) {}

  register(worker: { id: string; pid: number; mode: WorkerMode; leaseMs: number }): void {
    const now = new Date().toISOString()
    this.db
      .prepare(
        `INSERT INTO workers (id, pid, host, mode, state, started_at, heartbeat_at, lease_ms)
         VALUES (?, ?, ?, ?, 'starting', ?, ?, ?)`
      )
      .run(worker.id, worker.pid, hostname(), worker.mode, now, now, worker.leaseMs)
  }

  /**
   * Registers or renews a worker on another machine from its heartbeat through the queue: the
   * coordinator writes for it, as it has no catalog. Returns true when it was not registered.
   */
  recordRemote(worker: {
    id: string
    pid: number
    host: string
    leaseMs: number
    startedAt: string
    state: WorkerRecordState
    currentBrandId: number | null
  }): boolean {
    const now = new Date().toISOString()
    const existing = this.db.prepare('SELECT 1 FROM workers WHERE id = ?').get(worker.id)
    this.db
      .prepare(
        `INSERT INTO workers (id, pid, host, mode, state, current_brand_id, started_at,
           heartbeat_at, lease_ms)
         VALUES (:id, :pid, :host, 'continuous', :state, :brand, :startedAt, :now, :leaseMs)
         ON CONFLICT (id) DO UPDATE SET state = :state, current_brand_id = :brand,
           heartbeat_at = :now, lease_ms = :leaseMs,
           progress = CASE WHEN :brand IS NULL THEN NULL ELSE progress END`
      )
      .run({
        id: worker.id,
        pid: worker.pid,
        host: worker.host,
        state: worker.state,
        brand: worker.currentBrandId,
        startedAt: worker.startedAt,
        now,
        leaseMs: worker.leaseMs
      })
    return existing === undefined
  }

  /** Records what the worker is doing (shown by `GET /api/workers`). */
  report(id: string, activity: WorkerActivity): void {
    const sets: string[] = []
    const values: unknown[] = []
    const set = (column: string, value: unknown): void => {
      sets.push(`${column} = ?`)
      values.push(value)
    }
    if (activity.state !== undefined) set('state', activity.state)
    if (activity.currentBrandId !== undefined) set('current_brand_id', activity.currentBrandId)
    if (activity.progress !== undefined) {
      set('progress', activity.progress ? JSON.stringify(activity.progress) : null)
    }
    if (activity.nextBrandId !== undefined) set('next_brand_id', activity.nextBrandId)
    if (activity.nextBrandAt !== undefined) set('next_brand_at', activity.nextBrandAt)
    if (sets.length === 0) return
    this.db.prepare(`UPDATE workers SET ${sets.join(', ')} WHERE id = ?`).run(...values, id)
  }

  /**
   * Renews the worker's lease and every claim it holds, in one transaction. Returns whether a
   * stop was asked for (by any process), or `gone` when the registration was removed because its
   * lease lapsed: such a worker must stop, since its claims may already be someone else's.
   */
  heartbeat(id: string): 'ok' | 'stop' | 'gone' {
    return this.db
      .transaction((): 'ok' | 'stop' | 'gone' => {
        const row = this.db
          .prepare('SELECT lease_ms, stop_requested_at FROM workers WHERE id = ?')
          .get(id) as { lease_ms: number; stop_requested_at: string | null } | undefined
        if (!row) return 'gone'
        const now = Date.now()
        this.db
          .prepare('UPDATE workers SET heartbeat_at = ? WHERE id = ?')
          .run(new Date(now).toISOString(), id)
        this.db
          .prepare('UPDATE claims SET expires_at = ? WHERE worker_id = ?')
          .run(new Date(now + row.lease_ms).toISOString(), id)
        return row.stop_requested_at ? 'stop' : 'ok'
      })
      .immediate()
  }

  /** Asks a worker to stop gracefully; false for an unknown worker. */
  requestStop(id: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE workers SET stop_requested_at = coalesce(stop_requested_at, ?) WHERE id = ?`
        )
        .run(new Date().toISOString(), id).changes > 0
    )
  }

  get(id: string): WorkerRecord | undefined {
    const row = this.db.prepare(`${selectWorker} WHERE w.id = ?`).get(id) as WorkerRow | undefined
    return row && rowToWorker(row)
  }

  /** Every registered worker, oldest first. */
  list(): WorkerRecord[] {
    return (
      this.db.prepare(`${selectWorker} ORDER BY w.started_at, w.id`).all() as WorkerRow[]
    ).map(rowToWorker)
  }

  /** A worker that ends: its claims are released and its registration removed. */
  unregister(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM claims WHERE worker_id = ?').run(id)
      this.db.prepare('DELETE FROM workers WHERE id = ?').run(id)
    })()
  }

  /**
   * A worker known to be gone (its process exited, or its lease lapsed): its running runs are
   * marked interrupted, its claims released, its registration removed, in one transaction.
   */
  expire(id: string, why: string): RunRecord[] {
    return this.db
      .transaction(() => {
        const interrupted = this.runs
          .runningFor(id)
          .map((run) => this.runs.finish(run.id, 'interrupted', why))
        this.unregister(id)
        return interrupted
      })
      .immediate()
  }

  /**
   * Expires every worker whose lease lapsed (no heartbeat for its lease), or that ran on this
   * machine and whose process is gone, and interrupts runs that no registered worker owns. A live
   * worker's run is never touched: it renews its lease every heartbeat.
   */
  reap(
    now = Date.now(),
    options: ReapOptions = {}
  ): { lapsed: LapsedWorker[]; orphaned: RunRecord[] } {
    const leases = options.leases ?? true
    // Looked at first without a lock: the coordinator reaps every few seconds, and taking the write
    // lock each time would make its event loop wait (synchronously) behind a busy worker's writes.
    if (!this.anythingToReap(now, leases)) return { lapsed: [], orphaned: [] }
    // One write transaction: a heartbeat cannot land between the check and the expiry.
    return this.db.transaction(() => this.reapNow(now, leases)).immediate()
  }

  /** Whether {@link reapNow} would find anything, read without taking the write lock. */
  private anythingToReap(now: number, leases: boolean): boolean {
    const rows = this.db
      .prepare('SELECT host, pid, heartbeat_at, lease_ms FROM workers')
      .all() as Array<Pick<WorkerRow, 'host' | 'pid' | 'heartbeat_at' | 'lease_ms'>>
    return rows.some((row) => this.lapseOf(row, now, leases)) || this.runs.orphaned().length > 0
  }

  /** Why a registered worker no longer counts: its lease ran out, or its process is gone. */
  private lapseOf(
    row: Pick<WorkerRow, 'host' | 'pid' | 'heartbeat_at' | 'lease_ms'>,
    now: number,
    leases: boolean
  ): { expired: boolean; dead: boolean } | undefined {
    const expired = leases && Date.parse(row.heartbeat_at) + row.lease_ms < now
    const dead = row.host === hostname() && !processAlive(row.pid)
    return expired || dead ? { expired, dead } : undefined
  }

  private reapNow(now: number, leases: boolean): { lapsed: LapsedWorker[]; orphaned: RunRecord[] } {
    const lapsed: LapsedWorker[] = []
    for (const row of this.db
      .prepare('SELECT id, host, pid, heartbeat_at, lease_ms FROM workers')
      .all() as Array<Pick<WorkerRow, 'id' | 'host' | 'pid' | 'heartbeat_at' | 'lease_ms'>>) {
      const state = this.lapseOf(row, now, leases)
      if (!state) continue
      const why = state.dead
        ? `Its worker ${row.id} (pid ${row.pid}) is gone.`
        : `Its worker ${row.id} on ${row.host} missed its heartbeats for ${row.lease_ms / 1000} s.`
      lapsed.push({ ...row, why, interrupted: this.expire(row.id, why) })
    }
    const orphaned = this.runs
      .orphaned()
      .map((run) =>
        this.runs.finish(run.id, 'interrupted', 'The worker ended before this run finished.')
      )
    return { lapsed, orphaned }
  }
}
