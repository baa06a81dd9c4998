import { ApiError, apiErrorCodes, type ApiErrorCode } from '../../../shared/api-error'

/**
 * Any failure of an API call as an {@link ApiError}. Errors from the Electron preload arrive with
 * only a message (the context bridge drops custom fields), their code leading it as `[code] `.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  const message = error instanceof Error ? error.message : String(error)
  const match = /^\[([a-z_]+)\] ([\s\S]*)$/.exec(message)
  if (match && (apiErrorCodes as readonly string[]).includes(match[1]!)) {
    return new ApiError(match[1] as ApiErrorCode, match[2]!)
  }
  return new ApiError('internal', message)
}

/** The sentence to show a user for a failed call. */
export function errorMessage(error: unknown): string {
  return toApiError(error).message
}
