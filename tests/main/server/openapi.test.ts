import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../../src/main/server/http-server'
import { listApiMethods } from '../../../src/shared/api-contract'
import { docsContentSecurityPolicy } from '../../../src/shared/content-security-policy'
import { startCoordinator, type CoordinatorHarness } from '../../support/coordinator-harness'
import { sampleProduct } from '../../store/catalog-fixtures'
import { validateOpenApiStructure, type OpenApi } from './openapi-structure'

/**
 * `/openapi.json` and `/docs` on a real server over a real catalog: the document is OpenAPI 3.1,
 * lists every route of the contract, and its schemas describe what the server really answers.
 */

let harness: CoordinatorHarness
let server: RunningHttpServer
let tokenServer: RunningHttpServer
let document: OpenApi
const token = 'D0cs_'.repeat(8)
const ajv = new Ajv2020({ strict: true, allErrors: true })

beforeAll(async () => {
  harness = startCoordinator()
  const store = harness.coordinator.store
  const brand = store.brands.add({ name: 'Genelec', website: 'https://genelec.test/' })
  const run = store.runs.start(brand.id, 'once')
  store.products.save(brand.id, run.id, 'https://genelec.test/8030', sampleProduct())
  store.runs.finish(run.id, 'succeeded', null)
  server = await startHttpServer({ coordinator: harness.coordinator, port: 0 })
  tokenServer = await startHttpServer({ coordinator: harness.coordinator, port: 0, token })
  document = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenApi
})

afterAll(async () => {
  await server?.close()
  await tokenServer?.close()
  await harness?.close()
})

function operationOf(path: string, method: string): OpenApi['paths'][string][string] {
  const openApiPath = path.replace(/:(\w+)/g, '{$1}')
  const operation = document.paths[openApiPath]?.[method.toLowerCase()]
  if (!operation) throw new Error(`${method} ${openApiPath} is not in the document`)
  return operation
}

/** The JSON Schema of an operation's answer with `status`, $refs into components resolved. */
function answerSchema(path: string, method: string, status: number): object {
  let answer = operationOf(path, method).responses[String(status)] as Record<string, unknown>
  if (!answer) throw new Error(`${method} ${path} documents no ${status} answer`)
  if (typeof answer['$ref'] === 'string') {
    answer = document.components!.responses![answer['$ref'].split('/').pop()!]!
  }
  const content = answer['content'] as Record<string, { schema: Record<string, unknown> }>
  const schema = content['application/json']!.schema
  if (typeof schema['$ref'] === 'string') {
    return document.components!.schemas![schema['$ref'].split('/').pop()!]!
  }
  return schema
}

function expectValid(schema: object, value: unknown, what: string): void {
  const validate = ajv.compile(schema)
  const valid = validate(value)
  expect(valid, `${what}: ${ajv.errorsText(validate.errors)}`).toBe(true)
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    expect(validateOpenApiStructure(document)).toEqual([])
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    expect(document.info.title).toBe('Brand Scraper API')
  })

  it('lists every route of the contract with its method, schemas and error answers', () => {
    const methods = listApiMethods()
    expect(methods.length).toBeGreaterThan(15)
    for (const [domain, name, spec] of methods) {
      const operation = operationOf(spec.http.path, spec.http.method)
      expect(operation.summary, `${domain}.${name}`).toBe(spec.docs.summary)
      expect(Object.keys(operation.responses)).toContain('200')
      expect(answerSchema(spec.http.path, spec.http.method, 200)).toHaveProperty('type')
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '403']))
      const pathParams = [...spec.http.path.matchAll(/:(\w+)/g)].map((match) => match[1])
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path')
      expect(declared.map((p) => p.name)).toEqual(pathParams)
      if (spec.http.method === 'GET') {
        expect(operation.requestBody).toBeUndefined()
      } else {
        const body = operation.requestBody as { content: Record<string, { schema: object }> }
        expect(body.content['application/json']!.schema).toHaveProperty('type', 'object')
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['413', '415']))
      }
      for (const code of spec.docs.errors ?? []) {
        const status = { not_found: 404, conflict: 409, unavailable: 503 }[code as string]
        if (status)
          expect(Object.keys(operation.responses), `${domain}.${name}`).toContain(`${status}`)
      }
    }
    // Nothing in the document that the contract does not have, besides the event stream.
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`)
    )
    const expected = methods.map(
      ([, , spec]) => `${spec.http.method} ${spec.http.path.replace(/:(\w+)/g, '{$1}')}`
    )
    expect(documented.sort()).toEqual([...expected, 'GET /api/events'].sort())
  })

  it('puts query parameters on reads and a JSON body on writes', () => {
    const list = operationOf('/api/products', 'GET')
    expect(list.parameters?.map((p) => `${p.in}:${p.name}`)).toContain('query:q')
    const update = operationOf('/api/brands/:id', 'PATCH')
    expect(update.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true })
    ])
    const body = (update.requestBody as { content: Record<string, { schema: OpenApi }> }).content
    expect(Object.keys(body['application/json']!.schema as object)).toContain('properties')
    expect(JSON.stringify(body)).toContain('"patch"')
    expect(JSON.stringify(body)).not.toMatch(
      /"id"\s*:\s*\{\s*"type"\s*:\s*"integer",\s*"minimum":1/
    )
  })

  it('describes what the server really answers, successes and errors', async () => {
    const reads = listApiMethods().filter(([, , spec]) => spec.http.method === 'GET')
    const products = (await (await fetch(`${server.url}/api/products`)).json()) as {
      items: Array<{ id: number }>
    }
    const productId = products.items[0]!.id
    for (const [domain, name, spec] of reads) {
      const path = spec.http.path.replace(':id', String(productId))
      const response = await fetch(server.url + path)
      expect(response.status, `${domain}.${name}`).toBe(200)
      expectValid(
        answerSchema(spec.http.path, 'GET', 200),
        await response.json(),
        `${domain}.${name}`
      )
    }
    const errors: Array<[string, string, RequestInit, number]> = [
      ['/api/products/:id', '/api/products/999999', {}, 404],
      ['/api/products', '/api/products?limit=0', {}, 400],
      ['/api/brands', '/api/brands', { method: 'POST', body: '{}' }, 415],
      [
        '/api/brands',
        '/api/brands',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Genelec', website: 'https://genelec.test/' })
        },
        409
      ]
    ]
    for (const [route, url, init, status] of errors) {
      const response = await fetch(server.url + url, init)
      expect(response.status, url).toBe(status)
      expectValid(answerSchema(route, init.method ?? 'GET', status), await response.json(), url)
    }
  })

  it('has a schema for every body that passes JSON Schema 2020-12 in strict mode', () => {
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        for (const parameter of operation.parameters ?? []) ajv.compile(parameter.schema as object)
        const body = operation.requestBody as { content?: Record<string, { schema: object }> }
        for (const media of Object.values(body?.content ?? {})) ajv.compile(media.schema)
      }
    }
  })
})

describe('GET /docs', () => {
  it('serves the page and its assets under the strict docs policy', async () => {
    const response = await fetch(`${server.url}/docs`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const policy = response.headers.get('content-security-policy')!
    expect(policy).toBe(docsContentSecurityPolicy)
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|https?:/)
    const html = await response.text()
    // Every script is a served file: the policy allows no inline script.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThanOrEqual(2)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/docs\//)
      expect(body!.trim()).toBe('')
    }
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((match) => match[1]!)
    expect(assets).toEqual(
      expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/docs-init.js'])
    )
    for (const asset of assets) {
      const loaded = await fetch(server.url + asset)
      expect(loaded.status, asset).toBe(200)
      expect(loaded.headers.get('x-content-type-options')).toBe('nosniff')
      expect((await loaded.arrayBuffer()).byteLength, asset).toBeGreaterThan(100)
    }
    const init = await (await fetch(`${server.url}/docs/docs-init.js`)).text()
    expect(init).toContain("url: '/openapi.json'")
    expect(init).not.toMatch(/https?:\/\//)
  })

  it('answers only GET and HEAD, and unknown paths stay 404', async () => {
    for (const path of ['/docs', '/openapi.json', '/docs/swagger-ui.css']) {
      const head = await fetch(server.url + path, { method: 'HEAD' })
      expect(head.status, path).toBe(200)
      expect(await head.text()).toBe('')
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const write = await fetch(server.url + path, {
          method,
          headers: { 'content-type': 'application/json' }
        })
        expect(write.status, `${method} ${path}`).toBe(405)
      }
    }
    // Without a built UI, the answer at / points to the docs.
    expect(await (await fetch(`${server.url}/`)).text()).toContain('/docs')
    for (const path of ['/docs/index.html', '/docs/nothing.js', '/docs/../package.json', '/doc']) {
      expect((await fetch(server.url + path)).status, path).toBe(404)
    }
  })
})

describe('the docs with an access token', () => {
  it('needs the token, trades the /docs link for the cookie, and documents the scheme', async () => {
    expect((await fetch(`${tokenServer.url}/openapi.json`)).status).toBe(401)
    expect((await fetch(`${tokenServer.url}/docs`)).status).toBe(401)
    const link = await fetch(`${tokenServer.url}/docs?token=${token}`, { redirect: 'manual' })
    expect(link.status).toBe(303)
    expect(link.headers.get('location')).toBe('/docs')
    const cookie = link.headers.get('set-cookie')!.split(';')[0]!
    const cookieName = cookie.split('=')[0]
    const page = await fetch(`${tokenServer.url}/docs`, { headers: { cookie } })
    expect(page.status).toBe(200)
    const withToken = (await (
      await fetch(`${tokenServer.url}/openapi.json`, { headers: { cookie } })
    ).json()) as OpenApi
    expect(validateOpenApiStructure(withToken)).toEqual([])
    expect(withToken.components?.securitySchemes).toMatchObject({
      tokenCookie: { type: 'apiKey', in: 'cookie', name: cookieName },
      bearer: { type: 'http', scheme: 'bearer' },
      tokenHeader: { type: 'apiKey', in: 'header', name: 'x-brand-scraper-token' }
    })
    expect(withToken.security).toEqual([{ tokenCookie: [] }, { bearer: [] }, { tokenHeader: [] }])
    expect(withToken.paths['/api/brands']!['get']!.responses).toHaveProperty('401')
    // Without a token the server documents none.
    expect(document.components?.securitySchemes).toBeUndefined()
    expect(document.paths['/api/brands']!['get']!.responses).not.toHaveProperty('401')
  })
})
