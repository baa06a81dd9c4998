import { listApiMethods, type ApiDomain, type HttpMethod } from '../../shared/api-contract'
import { matchPath, pathSpecificity } from '../../shared/url-path'

/** One contract method as an HTTP route. */
export interface HttpRoute {
  domain: ApiDomain
  method: string
  httpMethod: HttpMethod
  /** The contract's path, parameters as `:name` (`/api/products/:id`). */
  path: string
}

/** A request's route and its decoded path parameters, or the methods its path accepts. */
export type RouteMatch =
  { route: HttpRoute; params: Record<string, string> } | { route: undefined; allowed: HttpMethod[] }

/**
 * The HTTP routes, derived from the contract, most specific first: `/api/products/export` is
 * tried before `/api/products/:id`.
 */
export function buildHttpRoutes(): HttpRoute[] {
  return listApiMethods()
    .map(([domain, method, spec]) => ({
      domain,
      method,
      httpMethod: spec.http.method,
      path: spec.http.path
    }))
    .sort((a, b) => pathSpecificity(b.path) - pathSpecificity(a.path))
}

/** Finds the route of a request; `allowed` lists the methods the path accepts when none match. */
export function matchRoute(routes: HttpRoute[], httpMethod: string, path: string): RouteMatch {
  const allowed: HttpMethod[] = []
  for (const route of routes) {
    const params = matchPath(route.path, path)
    if (!params) continue
    if (route.httpMethod !== httpMethod) {
      allowed.push(route.httpMethod)
      continue
    }
    return { route, params }
  }
  return { route: undefined, allowed }
}
