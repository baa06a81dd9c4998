import { ApiError } from './api-error'

/**
 * The `:param` path syntax of the API contract (`/api/products/:id`), read in one place: the
 * headless server matches request paths with {@link matchPath}, the browser client builds them
 * with {@link fillPath}. A parameter is a whole segment, `:` then a name.
 */

const paramSegment = /^:([A-Za-z_][A-Za-z0-9_]*)$/

/** The parameter names of a path pattern, in order: `/api/brands/:id` → `['id']`. */
export function pathParamNames(pattern: string): string[] {
  return pattern.split('/').flatMap((segment) => paramSegment.exec(segment)?.[1] ?? [])
}

/** How many segments of a pattern are literal: a more specific route is tried first. */
export function pathSpecificity(pattern: string): number {
  return pattern.split('/').filter((segment) => !paramSegment.test(segment)).length
}

/**
 * Substitutes each `:name` of `pattern` with `params[name]`, URL-encoded. Throws a `bad_request`
 * ApiError when a parameter is missing or empty: the request could not name its target.
 */
export function fillPath(pattern: string, params: Readonly<Record<string, unknown>>): string {
  return pattern
    .split('/')
    .map((segment) => {
      const name = paramSegment.exec(segment)?.[1]
      if (name === undefined) return segment
      const value = params[name]
      if (value === undefined || value === null || value === '') {
        throw new ApiError('bad_request', `Missing "${name}" for ${pattern}.`)
      }
      return encodeURIComponent(String(value))
    })
    .join('/')
}

/**
 * The decoded parameters of `path` when it matches `pattern`, else undefined. A segment that is
 * not valid URL encoding matches nothing.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/')
  const actual = path.split('/')
  if (expected.length !== actual.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, segment] of expected.entries()) {
    const value = actual[index]!
    const name = paramSegment.exec(segment)?.[1]
    if (name === undefined) {
      if (segment !== value) return undefined
      continue
    }
    if (value === '') return undefined
    try {
      params[name] = decodeURIComponent(value)
    } catch {
      return undefined
    }
  }
  return params
}
