import { describe, expect, it } from 'vitest'
import { apiContract } from '../../../src/shared/api-contract'
import { ApiError } from '../../../src/shared/api-error'
import { createHttpApi, planHttpRequest } from '../../../src/renderer/src/api/http-api'

describe('planHttpRequest', () => {
  it('puts a GET request in the query string and leaves out empty values', () => {
    const plan = planHttpRequest(apiContract.products.list, {
      q: 'krk rokit',
      brand: undefined,
      limit: 200,
      includeMissing: false
    })
    expect(plan).toEqual({
      method: 'GET',
      url: '/api/products?q=krk+rokit&limit=200&includeMissing=false',
      body: undefined
    })
  })

  it('substitutes path parameters, encoded, and sends the rest as JSON', () => {
    expect(planHttpRequest(apiContract.worker.scrapeBrand, { brand: 'Allen & Heath' })).toEqual({
      method: 'POST',
      url: '/api/worker/scrape/Allen%20%26%20Heath',
      body: '{}'
    })
    expect(
      planHttpRequest(apiContract.brands.update, { id: 7, patch: { enabled: false } })
    ).toEqual({ method: 'PATCH', url: '/api/brands/7', body: '{"patch":{"enabled":false}}' })
  })

  it('refuses a request without its path parameter', () => {
    expect(() => planHttpRequest(apiContract.brands.remove, {})).toThrow(ApiError)
  })
})

describe('createHttpApi', () => {
  it('has every method of the contract', () => {
    const api = createHttpApi({ baseUrl: 'http://127.0.0.1:1' }) as unknown as Record<
      string,
      Record<string, unknown>
    >
    for (const [domain, methods] of Object.entries(apiContract)) {
      for (const name of Object.keys(methods)) expect(typeof api[domain]![name]).toBe('function')
    }
  })

  it('sends Content-Type: application/json on every write, bodiless ones too', async () => {
    const sent: Array<[string, string | null]> = []
    const api = createHttpApi({
      baseUrl: 'http://server',
      fetch: async (_input, init) => {
        sent.push([init!.method!, new Headers(init!.headers).get('content-type')])
        return new Response('{}')
      }
    })
    await api.worker.stop()
    await api.worker.scrapeBrand({ brand: 'Genelec' })
    await api.brands.remove({ id: 3 })
    await api.brands.list()
    // The server refuses a write without it (a cross-site form could send one); a read has none.
    expect(sent).toEqual([
      ['POST', 'application/json'],
      ['POST', 'application/json'],
      ['DELETE', 'application/json'],
      ['GET', null]
    ])
  })

  it('turns the server error body into an ApiError with its code', async () => {
    const api = createHttpApi({
      baseUrl: 'http://server',
      fetch: async () =>
        new Response(
          JSON.stringify({ error: { code: 'conflict', message: 'The worker is busy.' } }),
          { status: 409 }
        )
    })
    await expect(api.worker.start({ mode: 'once' })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'conflict',
      message: 'The worker is busy.'
    })
  })

  it('says what to do when the server cannot be reached', async () => {
    const api = createHttpApi({
      baseUrl: 'http://server',
      fetch: async () => {
        throw new TypeError('fetch failed')
      }
    })
    await expect(api.brands.list()).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('npm run cli -- serve')
    })
  })
})
