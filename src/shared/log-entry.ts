import { z } from 'zod'

export const logLevels = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof logLevels)[number]

/** Where a log line came from. */
export type LogSource = 'worker' | 'coordinator' | 'browser'

/** One line of the log, as stored and as streamed to the UI. */
export interface LogEntry {
  id: number
  time: string
  level: LogLevel
  source: LogSource
  brand: string | null
  runId: number | null
  message: string
}

/** A log line before it is stored (the store assigns the id). */
export type NewLogEntry = Omit<LogEntry, 'id'>

export const logLevelSchema = z.enum(logLevels)

/** Numeric rank for "this level and above" filters. */
export function logLevelRank(level: LogLevel): number {
  return logLevels.indexOf(level)
}
