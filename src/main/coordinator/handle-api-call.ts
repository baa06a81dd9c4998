import { ZodError } from 'zod'
import {
  apiContract,
  type ApiDomain,
  type ApiHandlers,
  type MethodSpec
} from '../../shared/api-contract'
import { ApiError, type ApiResult } from '../../shared/api-error'
import { describeZodError } from '../../shared/zod-error'
import { StoreError } from '../../store/store-error'

/**
 * Runs one API call from any transport (IPC or HTTP): validates the request against the contract,
 * calls the handler, and turns every failure into an error a user can read. Never throws.
 */
export async function handleApiCall(
  handlers: ApiHandlers,
  domain: string,
  method: string,
  rawRequest: unknown
): Promise<ApiResult<unknown>> {
  const spec = (apiContract as Record<string, Record<string, MethodSpec> | undefined>)[domain]?.[
    method
  ]
  if (!spec || !Object.hasOwn(apiContract, domain)) {
    return fail(new ApiError('not_found', `There is no API method ${domain}.${method}.`))
  }
  const parsed = spec.request.safeParse(rawRequest ?? {})
  if (!parsed.success) {
    return fail(new ApiError('bad_request', `Invalid request: ${describeZodError(parsed.error)}`))
  }
  const handler = (handlers[domain as ApiDomain] as Record<string, (request: unknown) => unknown>)[
    method
  ]!
  try {
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    return fail(toApiError(error))
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof StoreError) return new ApiError(error.code, error.message)
  if (error instanceof ZodError) {
    return new ApiError('bad_request', `Invalid request: ${describeZodError(error)}`)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new ApiError('internal', `Something went wrong: ${message}`)
}

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error: { code: error.code, message: error.message } }
}
