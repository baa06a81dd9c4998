import { z } from 'zod'

/**
 * How the worker picks brands, as the original worker.py's modes: `continuous` (one brand after
 * another, `delay` seconds apart, until stopped), `once` (the next brand in the queue, then exit)
 * and `brand` (one named brand, then exit).
 */
export const workerModeSchema = z.enum(['continuous', 'once', 'brand'])

export type WorkerMode = z.infer<typeof workerModeSchema>

/** The modes a user starts the worker in; `brand` is started by scraping a brand. */
export const startModeSchema = workerModeSchema.extract(['continuous', 'once'])

export type StartMode = z.infer<typeof startModeSchema>

/** Seconds between brands in continuous mode when the user says nothing. */
export const defaultDelaySeconds = 60

/** Seconds between brands in continuous mode: at most a day. Default: 60. */
export const delaySchema = z.number().min(0).max(86_400).default(defaultDelaySeconds)
