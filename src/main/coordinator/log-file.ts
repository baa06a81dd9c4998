import { createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs'
import { dirname } from 'node:path'
import type { LogEntry } from '../../shared/log-entry'

/** A log file over this size is moved aside (to `FILE.1`) when opened, so it cannot grow forever. */
export const logFileRotateBytes = 10 * 1024 * 1024

/** One log entry as a line of text: time, level, source, brand and message. */
export function formatLogLine(entry: LogEntry): string {
  const brand = entry.brand ? ` [${entry.brand}]` : ''
  return `${entry.time} ${entry.level.toUpperCase().padEnd(5)} ${entry.source}${brand} ${entry.message}\n`
}

/**
 * The catalog's log appended as text to a file a user can open (the catalog keeps the entries
 * too). Write failures are ignored: a full disk must not stop the coordinator.
 */
export class LogFile {
  private constructor(
    readonly path: string,
    private readonly stream: WriteStream
  ) {}

  /** Opens `path` for appending, creating its folder, after moving an oversized file aside. */
  static open(path: string): LogFile {
    mkdirSync(dirname(path), { recursive: true })
    try {
      if (statSync(path).size > logFileRotateBytes) renameSync(path, `${path}.1`)
    } catch {
      // No file yet.
    }
    const stream = createWriteStream(path, { flags: 'a' })
    stream.on('error', () => undefined)
    return new LogFile(path, stream)
  }

  write(entries: readonly LogEntry[]): void {
    if (entries.length) this.stream.write(entries.map(formatLogLine).join(''))
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve))
  }
}
