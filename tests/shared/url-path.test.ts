import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/shared/api-error'
import { fillPath, matchPath, pathParamNames, pathSpecificity } from '../../src/shared/url-path'

describe('fillPath', () => {
  it('substitutes each parameter, URL-encoded', () => {
    expect(fillPath('/api/worker/scrape/:brand', { brand: 'Allen & Heath/2' })).toBe(
      '/api/worker/scrape/Allen%20%26%20Heath%2F2'
    )
    expect(fillPath('/api/brands/:id', { id: 7, patch: {} })).toBe('/api/brands/7')
    expect(fillPath('/api/brands', { id: 7 })).toBe('/api/brands')
  })

  it('refuses a missing or empty parameter with a bad_request ApiError', () => {
    for (const params of [{}, { id: '' }, { id: null }]) {
      expect(() => fillPath('/api/brands/:id', params)).toThrow(ApiError)
    }
    expect(() => fillPath('/api/brands/:id', {})).toThrow('Missing "id" for /api/brands/:id.')
  })
})

describe('matchPath', () => {
  it('gives the decoded parameters of a matching path', () => {
    expect(
      matchPath('/api/worker/scrape/:brand', '/api/worker/scrape/Allen%20%26%20Heath')
    ).toEqual({ brand: 'Allen & Heath' })
    expect(matchPath('/api/brands', '/api/brands')).toEqual({})
  })

  it('matches nothing else', () => {
    expect(matchPath('/api/brands/:id', '/api/brands')).toBeUndefined()
    expect(matchPath('/api/brands/:id', '/api/brands/')).toBeUndefined()
    expect(matchPath('/api/brands/:id', '/api/brands/1/2')).toBeUndefined()
    expect(matchPath('/api/brands/:id', '/api/runs/1')).toBeUndefined()
    expect(matchPath('/api/products/:id', '/api/products/%E0%A4%A')).toBeUndefined()
  })

  it('reads back what fillPath wrote', () => {
    const pattern = '/api/worker/scrape/:brand'
    for (const brand of ['KRK', 'Allen & Heath', 'a/b?c#d', 'Ünïcødé 100%']) {
      expect(matchPath(pattern, fillPath(pattern, { brand }))).toEqual({ brand })
    }
  })
})

describe('pathParamNames and pathSpecificity', () => {
  it('read the parameters and the literal segments of a pattern', () => {
    expect(pathParamNames('/api/brands/:id')).toEqual(['id'])
    expect(pathParamNames('/api/products/export')).toEqual([])
    expect(pathSpecificity('/api/products/export')).toBeGreaterThan(
      pathSpecificity('/api/products/:id')
    )
  })
})
