import { describe, expect, it } from 'vitest'
import { buildHttpRoutes, matchRoute } from '../../../src/main/server/http-routes'
import { listApiMethods } from '../../../src/shared/api-contract'

const routes = buildHttpRoutes()

describe('the HTTP routes', () => {
  it('has a route for every contract method', () => {
    expect(routes.map((r) => `${r.domain}.${r.method}`).sort()).toEqual(
      listApiMethods()
        .map(([domain, method]) => `${domain}.${method}`)
        .sort()
    )
  })

  it('finds the route and its decoded parameters', () => {
    expect(matchRoute(routes, 'POST', '/api/worker/scrape/Allen%20%26%20Heath')).toMatchObject({
      route: { domain: 'worker', method: 'scrapeBrand' },
      params: { brand: 'Allen & Heath' }
    })
    expect(matchRoute(routes, 'PATCH', '/api/brands/7')).toMatchObject({
      route: { domain: 'brands', method: 'update' },
      params: { id: '7' }
    })
  })

  it('tries a literal path before a parameter in the same place', () => {
    expect(matchRoute(routes, 'GET', '/api/products/export')).toMatchObject({
      route: { domain: 'products', method: 'export' },
      params: {}
    })
    expect(matchRoute(routes, 'GET', '/api/products/12')).toMatchObject({
      route: { domain: 'products', method: 'get' },
      params: { id: '12' }
    })
  })

  it('lists the methods a known path accepts, and nothing for an unknown one', () => {
    expect(matchRoute(routes, 'DELETE', '/api/worker/status')).toEqual({
      route: undefined,
      allowed: ['GET']
    })
    expect(matchRoute(routes, 'GET', '/api/nothing')).toEqual({ route: undefined, allowed: [] })
  })
})
