import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  readJsonBody,
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
    const port = await serveGuard(async (request) => refuseForeignHost(request, '127.0.0.1'))
    for (const host of ['127.0.0.1', 'localhost', `localhost:${port}`, '[::1]:8000', 'LOCALHOST']) {
      expect(await send(port, { headers: { host } }), host).toBeNull()
    }
  })

  it('refuses any other name, as DNS rebinding would send it', async () => {
    const port = await serveGuard(async (request) => refuseForeignHost(request, '127.0.0.1'))
    expect(await send(port, { headers: { host: 'evil.example' } })).toEqual({
      status: 403,
      error: { code: 'forbidden', message: 'Requests for host evil.example are not served here.' }
    })
  })

  it('answers every name when listening on every interface, and its own name otherwise', async () => {
    let listen = '0.0.0.0'
    const port = await serveGuard(async (request) => refuseForeignHost(request, listen))
    expect(await send(port, { headers: { host: 'nas.local' } })).toBeNull()
    listen = 'nas.local'
    expect(await send(port, { headers: { host: 'NAS.local:8000' } })).toBeNull()
    expect(await send(port, { headers: { host: 'other.local' } })).toMatchObject({ status: 403 })
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
