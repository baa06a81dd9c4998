export const apiErrorCodes = [
  'bad_request',
  'not_found',
  'conflict',
  'unavailable',
  'internal'
] as const
export type ApiErrorCode = (typeof apiErrorCodes)[number]

/** HTTP status of each error code. */
export const apiErrorStatus: Record<ApiErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500
}

/** An error a user can act on: its message says what went wrong and what to do. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** How a result crosses IPC: Electron drops custom error fields, so errors travel as values. */
export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } }
