/** What kind of failure a store call met, mapped to an API error by the coordinator. */
export type StoreErrorCode = 'not_found' | 'conflict' | 'bad_request'

/** A store failure whose message a user can act on. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'StoreError'
  }
}
