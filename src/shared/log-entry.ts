import { z } from 'zod'

export const logLevels = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof logLevels)[number]

export const logLevelSchema = z.enum(logLevels)

/** Where a log line came from. */
export const logSourceSchema = z.enum(['worker', 'coordinator'])

export type LogSource = z.infer<typeof logSourceSchema>

/** One line of the log, as stored and as streamed to the UI. */
export const logEntrySchema = z.object({
  id: z.number().int(),
  /** ISO 8601. */
  time: z.string(),
  level: logLevelSchema,
  source: logSourceSchema,
  /** The brand the line is about, by name. */
  brand: z.string().nullable(),
  runId: z.number().int().nullable(),
  message: z.string()
})

export type LogEntry = z.infer<typeof logEntrySchema>

/** A log line before it is stored (the store assigns the id). */
export type NewLogEntry = Omit<LogEntry, 'id'>

/** Numeric rank for "this level and above" filters. */
export function logLevelRank(level: LogLevel): number {
  return logLevels.indexOf(level)
}
