import { listApiMethods, type ApiDomain, type HttpMethod } from '../../shared/api-contract'

/** One contract method as an HTTP route. */
export interface HttpRoute {
  domain: ApiDomain
  method: string
  httpMethod: HttpMethod
  /** Matches the path; named groups are the `:params`. */
  pattern: RegExp
  /** How many literal segments: more specific routes are tried first. */
  specificity: number
}

/** The HTTP routes, derived from the contract: `/api/products/:id` → `^/api/products/(?<id>[^/]+)$`. */
export function buildHttpRoutes(): HttpRoute[] {
  return listApiMethods()
    .map(([domain, method, spec]) => {
      const segments = spec.http.path.split('/')
      const source = segments
        .map((segment) =>
          segment.startsWith(':')
            ? `(?<${segment.slice(1)}>[^/]+)`
            : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        )
        .join('/')
      return {
        domain,
        method,
        httpMethod: spec.http.method,
        pattern: new RegExp(`^${source}$`),
        specificity: segments.filter((segment) => !segment.startsWith(':')).length
      }
    })
    .sort((a, b) => b.specificity - a.specificity)
}

/** Finds the route of a request; `allowed` lists the methods the path accepts when none match. */
export function matchRoute(
  routes: HttpRoute[],
  httpMethod: string,
  path: string
): { route: HttpRoute; params: Record<string, string> } | { route: undefined; allowed: string[] } {
  const allowed: string[] = []
  for (const route of routes) {
    const match = route.pattern.exec(path)
    if (!match) continue
    if (route.httpMethod !== httpMethod) {
      allowed.push(route.httpMethod)
      continue
    }
    const params: Record<string, string> = {}
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      params[name] = decodeURIComponent(value)
    }
    return { route, params }
  }
  return { route: undefined, allowed }
}
