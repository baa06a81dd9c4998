import {
  logLevelRank,
  logLevels,
  type LogEntry,
  type LogLevel,
  type NewLogEntry
} from '../shared/log-entry'
import type { SqliteDatabase } from './database'

/** Filters of {@link LogRepository.list}. */
export interface LogQuery {
  after?: number
  before?: number
  /** This level and above. */
  level?: LogLevel
  brand?: string
  q?: string
  limit: number
}

interface LogRow {
  id: number
  time: string
  level: LogLevel
  source: LogEntry['source']
  brand: string | null
  run_id: number | null
  message: string
}

function rowToLog(row: LogRow): LogEntry {
  return {
    id: row.id,
    time: row.time,
    level: row.level,
    source: row.source,
    brand: row.brand,
    runId: row.run_id,
    message: row.message
  }
}

/** Options of {@link LogRepository}. */
export interface LogRepositoryOptions {
  /** Lines kept; older ones are deleted. Default: 200 000. */
  retain?: number
}

/** The log: what the worker and coordinator did, in words, kept up to a cap. */
export class LogRepository {
  private readonly retain: number
  private insertsSincePrune = 0

  constructor(
    private readonly db: SqliteDatabase,
    options: LogRepositoryOptions = {}
  ) {
    this.retain = options.retain ?? 200_000
  }

  add(entry: NewLogEntry): LogEntry {
    const info = this.db
      .prepare(
        'INSERT INTO logs (time, level, source, brand, run_id, message) VALUES (?, ?, ?, ?, ?, ?)'
      )
      .run(entry.time, entry.level, entry.source, entry.brand, entry.runId, entry.message)
    // Pruning on every insert would double the write cost; a tenth of the cap of slack is fine.
    if (++this.insertsSincePrune >= Math.max(1, Math.floor(this.retain / 10))) this.prune()
    return { ...entry, id: Number(info.lastInsertRowid) }
  }

  prune(): number {
    this.insertsSincePrune = 0
    return this.db
      .prepare('DELETE FROM logs WHERE id <= (SELECT max(id) FROM logs) - ?')
      .run(this.retain).changes
  }

  /** Newest last. With `before`, or with neither bound, the newest `limit` matching lines. */
  list(query: LogQuery): LogEntry[] {
    const where: string[] = []
    const params: unknown[] = []
    if (query.after !== undefined) {
      where.push('id > ?')
      params.push(query.after)
    }
    if (query.before !== undefined) {
      where.push('id < ?')
      params.push(query.before)
    }
    if (query.level) {
      const levels = logLevels.filter((level) => logLevelRank(level) >= logLevelRank(query.level!))
      where.push(`level IN (${levels.map(() => '?').join(', ')})`)
      params.push(...levels)
    }
    if (query.brand) {
      where.push('brand = ? COLLATE NOCASE')
      params.push(query.brand)
    }
    if (query.q) {
      where.push(`message LIKE ? ESCAPE '\\'`)
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
    // Tailing reads forward from `after`; everything else wants the newest lines.
    const newestFirst = query.after === undefined
    const rows = this.db
      .prepare(`SELECT * FROM logs ${filter} ORDER BY id ${newestFirst ? 'DESC' : 'ASC'} LIMIT ?`)
      .all(...params, query.limit) as LogRow[]
    if (newestFirst) rows.reverse()
    return rows.map(rowToLog)
  }
}
