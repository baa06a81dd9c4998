import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { allowedHostNames } from '../../../src/main/server/listen-address'
import {
  readJsonBody,
  refuseCrossSiteWrite,
  refuseForeignHost,
  refuseUnlessReading
} from '../../../src/main/server/request-guards'

let server: Server | undefined

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** Serves `guard`'s answer to each request as JSON; returns the server's port. */
async function serveGuard(guard: (request: IncomingMessage) => Promise<unknown>): Promise<number> {
  server = createServer((request, response) => {
    void guard(request).then((result) => response.end(JSON.stringify(result ?? null)))
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** Sends a raw request (any Host header, any body) and returns the guard's answer. */
function send(
  port: number,
  options: { method?: string; headers?: Record<string, string>; body?: string }
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let text = ''
        response.on('data', (chunk: Buffer) => (text += chunk.toString()))
        response.on('end', () => resolve(JSON.parse(text)))
      }
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

describe('refuseForeignHost', () => {
  it('answers the loopback names and the host it listens on', async () => {
    const allowed = allowedHostNames('127.0.0.1')
    const port = await serveGuard(async (request) => refuseForeignHost(request, allowed))
    for (const host of ['127.0.0.1', 'localhost', `localhost:${port}`, '[::1]:8000', 'LOCALHOST']) {
      expect(await send(port, { headers: { host } }), host).toBeNull()
    }
  })

  it('refuses any other name, as DNS rebinding would send it', async () => {
    const allowed = allowedHostNames('127.0.0.1')
    const port = await serveGuard(async (request) => refuseForeignHost(request, allowed))
    expect(await send(port, { headers: { host: 'evil.example' } })).toEqual({
      status: 403,
      error: {
        code: 'forbidden',
        message:
          'Requests for host evil.example are not served here; ' +
          'start serve with --allowed-host NAME to answer to that name.'
      }
    })
  })

  it('keeps the check on every interface: only the allow-list and IP literals pass', async () => {
    let allowed = allowedHostNames('0.0.0.0', ['nas.local'])
    const port = await serveGuard(async (request) => refuseForeignHost(request, allowed))
    expect(await send(port, { headers: { host: 'NAS.local:8000' } })).toBeNull()
    expect(await send(port, { headers: { host: `127.0.0.1:${port}` } })).toBeNull()
    expect(await send(port, { headers: { host: 'rebind.evil.example' } })).toMatchObject({
      status: 403
    })
    allowed = allowedHostNames('nas.local')
    expect(await send(port, { headers: { host: 'nas.local' } })).toBeNull()
    expect(await send(port, { headers: { host: 'other.local' } })).toMatchObject({ status: 403 })
  })
})

describe('refuseCrossSiteWrite', () => {
  it('refuses writes another site could send, before any body is read', async () => {
    const port = await serveGuard(async (request) => refuseCrossSiteWrite(request))
    const json = 'application/json'
    const cases: Array<[string, Record<string, string>, number, RegExp]> = [
      ['POST', { 'content-type': 'text/plain', origin: 'http://evil.example' }, 403, /evil/],
      ['DELETE', { 'content-type': json, origin: 'http://evil.example' }, 403, /evil/],
      ['POST', { 'content-type': json, origin: 'null' }, 403, /origin null/],
      ['PATCH', { 'content-type': json, 'sec-fetch-site': 'cross-site' }, 403, /another site/],
      ['PUT', { 'content-type': json, 'sec-fetch-site': 'same-site' }, 403, /another site/],
      ['POST', { 'content-type': 'text/plain' }, 415, /Content-Type: application\/json/],
      ['POST', { 'content-type': 'multipart/form-data; boundary=x' }, 415, /with or without/],
      ['DELETE', {}, 415, /application\/json/],
      ['POST', { 'content-type': 'application/jsonx' }, 415, /application\/json/]
    ]
    for (const [method, headers, status, message] of cases) {
      const answer = (await send(port, { method, headers })) as {
        status: number
        error: { message: string }
      }
      expect(answer?.status, `${method} ${JSON.stringify(headers)}`).toBe(status)
      expect(answer.error.message).toMatch(message)
    }
  })

  it('lets same-origin JSON writes and every read through', async () => {
    const port = await serveGuard(async (request) => refuseCrossSiteWrite(request))
    const own = `http://127.0.0.1:${port}`
    const allowed: Array<[string, Record<string, string>]> = [
      ['POST', { 'content-type': 'application/json' }],
      ['POST', { 'content-type': 'application/json; charset=utf-8', origin: own }],
      ['DELETE', { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }],
      ['POST', { 'content-type': 'application/json', 'sec-fetch-site': 'none' }],
      ['GET', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }]
    ]
    for (const [method, headers] of allowed) {
      expect(await send(port, { method, headers }), JSON.stringify(headers)).toBeNull()
    }
  })
})

describe('refuseUnlessReading', () => {
  it('lets GET and HEAD through and refuses the rest with 405', async () => {
    const port = await serveGuard(async (request) => refuseUnlessReading(request))
    expect(await send(port, { method: 'GET' })).toBeNull()
    expect(await send(port, { method: 'POST' })).toMatchObject({
      status: 405,
      error: { code: 'method_not_allowed', message: 'POST is not allowed here.' }
    })
  })
})

describe('readJsonBody', () => {
  const json = { 'content-type': 'application/json' }

  it('reads a JSON object, and an empty body as {}', async () => {
    const port = await serveGuard((request) => readJsonBody(request, 1000))
    expect(await send(port, { method: 'POST', headers: json, body: '{"mode":"once"}' })).toEqual({
      ok: true,
      body: { mode: 'once' }
    })
    expect(await send(port, { method: 'POST' })).toEqual({ ok: true, body: {} })
  })

  it('refuses what is not a JSON object, saying why', async () => {
    const port = await serveGuard((request) => readJsonBody(request, 1000))
    const cases: Array<[Record<string, string>, string, number, RegExp]> = [
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'mode=once', 415, /as JSON/],
      [{ 'content-type': 'text/plain' }, '{}', 415, /Content-Type: application\/json/],
      [json, '{"mode":', 400, /not valid JSON/],
      [json, '[1,2]', 400, /must be a JSON object/],
      [json, 'null', 400, /must be a JSON object/]
    ]
    for (const [headers, body, status, message] of cases) {
      const answer = (await send(port, { method: 'POST', headers, body })) as {
        ok: boolean
        refusal: { status: number; error: { message: string } }
      }
      expect(answer.ok, body).toBe(false)
      expect(answer.refusal.status, body).toBe(status)
      expect(answer.refusal.error.message, body).toMatch(message)
    }
  })

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const port = await serveGuard((request) => readJsonBody(request, 10))
    // The client announces 25 MB and sends nothing: the answer must not wait for the body.
    const answer = await new Promise<unknown>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(25 * 2 ** 20) }
        },
        (response) => {
          let text = ''
          response.on('data', (chunk: Buffer) => (text += chunk.toString()))
          response.on('end', () => resolve(JSON.parse(text)))
        }
      )
      request.on('error', reject)
      request.flushHeaders()
    })
    expect(answer).toMatchObject({ ok: false, refusal: { status: 413 } })
    server?.closeAllConnections()
  })

  it('refuses a body over the limit', async () => {
    let result: unknown
    const port = await serveGuard(async (request) => (result = await readJsonBody(request, 10)))
    await send(port, { method: 'POST', headers: json, body: '{"name":"far too long"}' }).catch(
      () => undefined
    )
    expect(result).toEqual({
      ok: false,
      refusal: {
        status: 413,
        error: { code: 'payload_too_large', message: 'The request body is over 10 bytes.' }
      }
    })
  })
})
