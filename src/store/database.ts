import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrations } from './migrations'

export type SqliteDatabase = Database.Database

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Milliseconds a writer waits for another process's lock before failing. Default: 5000. */
  busyTimeoutMs?: number
  /**
   * better-sqlite3's compiled addon to load instead of the one in node_modules. Electron has its
   * own Node ABI: the app loads a copy built for it, so node_modules stays built for Node and
   * `npm test` keeps working in the same checkout. Default: node_modules' build.
   */
  nativeBinding?: string
}

/**
 * Opens (creating if needed) the catalog database: WAL so that the coordinator reads while the
 * worker writes, foreign keys on, a busy timeout so two processes wait for each other rather than
 * fail, and every pending migration applied.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, {
    timeout: options.busyTimeoutMs ?? 5000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  })
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the
  // last transactions, which the next run scrapes again.
  db.pragma('synchronous = NORMAL')
  migrate(db)
  return db
}

function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new Error(
      `The database was written by a newer Brand Scraper (schema ${current}, this one knows ` +
        `${migrations.length}). Update the app, or point BRAND_SCRAPER_DB at another file.`
    )
  }
  // Two processes may open a new file at once: take the write lock before reading the version.
  const apply = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number
    for (let index = version; index < migrations.length; index++) {
      db.exec(migrations[index]!)
      db.pragma(`user_version = ${index + 1}`)
    }
  })
  if (current < migrations.length) apply.immediate()
}
