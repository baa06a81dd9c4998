import Database from 'better-sqlite3'

/** A row of the catalog's runs table, as these checks read it. */
export interface RunRow {
  id: number
  brand: string
  status: string
  started_at: string
  ended_at: string | null
  worker_id: string | null
}

/** A worker a test killed, and when. */
export interface KilledWorker {
  workerId: string
  pid: number
  /** ISO time just before the SIGKILL. */
  at: string
  /** Which process it belonged to (`serve`, `terminal 2`). */
  owner: string
}

/** Every run in the catalog, oldest first, read without taking a write lock. */
export function readRuns(db: string): RunRow[] {
  const sqlite = new Database(db, { readonly: true, fileMustExist: true })
  try {
    return sqlite
      .prepare(
        `SELECT r.id, b.name AS brand, r.status, r.started_at, r.ended_at, r.worker_id
         FROM runs r JOIN brands b ON b.id = r.brand_id ORDER BY r.started_at, r.id`
      )
      .all() as RunRow[]
  } finally {
    sqlite.close()
  }
}

/** Pairs of runs of one brand whose times overlap: the same site crawled twice at once. */
export function overlappingRuns(runs: RunRow[]): Array<[RunRow, RunRow]> {
  const overlaps: Array<[RunRow, RunRow]> = []
  const byBrand = new Map<string, RunRow[]>()
  for (const run of runs) byBrand.set(run.brand, [...(byBrand.get(run.brand) ?? []), run])
  for (const brandRuns of byBrand.values()) {
    const sorted = [...brandRuns].sort((a, b) => a.started_at.localeCompare(b.started_at))
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!
      const run = sorted[i]!
      // A takeover ends the old run and starts the next in one transaction: equal times are fine.
      if (previous.ended_at === null || run.started_at < previous.ended_at) {
        overlaps.push([previous, run])
      }
    }
  }
  return overlaps
}

/** The run that completed an interrupted run's brand afterwards, on another worker. */
export function laterSuccess(runs: RunRow[], interrupted: RunRow): RunRow | undefined {
  return runs.find(
    (run) =>
      run.brand === interrupted.brand &&
      run.status === 'succeeded' &&
      run.worker_id !== interrupted.worker_id &&
      interrupted.ended_at !== null &&
      run.started_at >= interrupted.ended_at
  )
}

/**
 * Runs whose outcome contradicts what happened to their worker: a killed worker's run that was
 * in flight at the kill must be `interrupted` (and one it finished before must not be); a run of
 * a worker never killed must never be.
 */
export function wrongOutcomes(runs: RunRow[], killed: KilledWorker[]): string[] {
  const killedById = new Map(killed.map((kill) => [kill.workerId, kill]))
  const wrong: string[] = []
  for (const run of runs) {
    const kill = run.worker_id === null ? undefined : killedById.get(run.worker_id)
    const inFlight = kill !== undefined && (run.ended_at === null || run.ended_at >= kill.at)
    const expected = inFlight ? 'interrupted' : undefined
    if (expected !== undefined && run.status !== expected) {
      wrong.push(`run ${run.id} of ${run.brand} by killed ${run.worker_id}: ${run.status}`)
    } else if (expected === undefined && run.status === 'interrupted') {
      wrong.push(`run ${run.id} of ${run.brand} by live ${run.worker_id}: interrupted`)
    }
  }
  return wrong
}

/** The runs and kills as a timeline, for an assertion's message when it fails. */
export function describeHistory(runs: RunRow[], killed: KilledWorker[]): string {
  const lines = [
    ...runs.map((run) => ({
      at: run.started_at,
      text:
        `run ${run.id} ${run.brand}: ${run.status} until ${run.ended_at?.slice(11) ?? '-'} ` +
        `by ${run.worker_id}`
    })),
    ...killed.map((kill) => ({ at: kill.at, text: `SIGKILL ${kill.workerId} of ${kill.owner}` }))
  ]
  lines.sort((a, b) => a.at.localeCompare(b.at))
  return `\n${lines.map((line) => `${line.at.slice(11)} ${line.text}`).join('\n')}\n`
}
