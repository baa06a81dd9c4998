import type { LogEntry } from '../../../src/shared/log-entry'

/** A worker's info line about KRK Systems, `line ID`, with `extra` fields. */
export function logEntry(id: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    time: '2026-01-01T00:00:00.000Z',
    level: 'info',
    source: 'worker',
    brand: 'KRK Systems',
    runId: 1,
    message: `line ${id}`,
    ...extra
  }
}
