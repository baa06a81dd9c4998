import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../src/shared/api-error'
import { toApiError } from '../../../src/renderer/src/api/to-api-error'

describe('toApiError', () => {
  it('reads the code back from an error that crossed the context bridge', () => {
    const error = toApiError(new Error('[not_found] There is no brand "Foo".'))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('not_found')
    expect(error.message).toBe('There is no brand "Foo".')
  })

  it('keeps an ApiError and wraps anything else as internal', () => {
    const original = new ApiError('conflict', 'busy')
    expect(toApiError(original)).toBe(original)
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'internal', message: 'boom' })
  })
})
