import { workerStartRequestSchema } from '../shared/api-contract'
import { defaultDelaySeconds, delaySchema } from '../shared/worker-mode'
import { UsageError } from './usage-error'

/** A whole number of at least `min` from an option, or undefined when the option is absent. */
export function positiveInt(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < min) {
    throw new UsageError(`${flag} must be a whole number of at least ${min}`)
  }
  return number
}

/** `--workers N`: worker processes sharing the queue, within the API's bounds. Default: 1. */
export function parseWorkerCount(value: string | undefined): number {
  const count = positiveInt(value, '--workers') ?? 1
  // The same bounds as `POST /api/worker/start {"workers": N}`.
  if (!workerStartRequestSchema.shape.workers.safeParse(count).success) {
    throw new UsageError('--workers must be a whole number from 1 to 16')
  }
  return count
}

/** `--delay SECONDS` between brands in continuous mode. Default: the original worker's. */
export function parseDelay(value: string | undefined): number {
  const delay = value === undefined ? defaultDelaySeconds : Number(value)
  if (!delaySchema.safeParse(delay).success) {
    throw new UsageError('--delay must be seconds, from 0 to 86400 (a day)')
  }
  return delay
}
