import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpServer, type RunningHttpServer } from '../../../src/main/server/http-server'
import {
  fixtureWorker,
  startCoordinator,
  type CoordinatorHarness
} from '../../support/coordinator-harness'

let harness: CoordinatorHarness
let server: RunningHttpServer

beforeAll(async () => {
  harness = startCoordinator(fixtureWorker('run'))
  harness.coordinator.store.brands.add({ name: 'Genelec', website: 'http://127.0.0.1:9/' })
  server = await startHttpServer({ coordinator: harness.coordinator, port: 0 })
})

afterAll(async () => {
  await server.close()
  await harness.close()
})

/** Sends a request exactly as given (curl-like: no header added but Host). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = ''
): Promise<{ status: number; message: string }> {
  const url = new URL(server.url)
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers },
      (response) => {
        let text = ''
        response.on('data', (chunk: Buffer) => (text += chunk.toString()))
        response.on('end', () => {
          const error = (JSON.parse(text) as { error?: { message: string } }).error
          resolve({ status: response.statusCode!, message: error?.message ?? '' })
        })
      }
    )
    request.on('error', reject)
    request.end(body)
  })
}

describe('cross-site requests to the control API', () => {
  it('refuses the issue’s curl (empty text/plain POST from http://evil.example): the worker runs on', async () => {
    harness.coordinator.start('continuous', 60, 1)
    await harness.waitForStatus((status) => status.is_running)
    const pid = harness.coordinator.status.pid
    // curl -X POST -H 'Origin: http://evil.example' -H 'Content-Type: text/plain' …/api/worker/stop
    const answer = await rawRequest('POST', '/api/worker/stop', {
      Origin: 'http://evil.example',
      'Content-Type': 'text/plain'
    })
    expect(answer.status).toBe(403)
    expect(answer.message).toMatch(/origin http:\/\/evil\.example is refused/)
    // Without Origin (a client that hides it), the text/plain type alone is refused.
    const noOrigin = await rawRequest('POST', '/api/worker/stop', { 'Content-Type': 'text/plain' })
    expect(noOrigin.status).toBe(415)
    const fetchMeta = await rawRequest('POST', '/api/worker/stop', {
      'Content-Type': 'application/json',
      'Sec-Fetch-Site': 'cross-site'
    })
    expect(fetchMeta.status).toBe(403)
    expect(harness.coordinator.status).toMatchObject({ is_running: true, pid })
    await harness.coordinator.stop()
  })

  it('refuses form posts that would start or aim the worker, starting nothing', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
    const cases: Array<[string, Record<string, string>, string, number]> = [
      ['/api/worker/start', { ...form, Origin: 'http://evil.example' }, 'mode=once', 403],
      ['/api/worker/start', form, 'mode=once', 415],
      [
        '/api/worker/scrape/Genelec',
        { 'Content-Type': 'multipart/form-data; boundary=x' },
        '',
        415
      ],
      ['/api/worker/scrape/Genelec', { 'Content-Type': 'text/plain' }, '', 415],
      ['/api/worker/scrape/Genelec', {}, '', 415],
      ['/api/brands/1', { 'Content-Type': 'text/plain', Origin: 'null' }, '', 403]
    ]
    for (const [path, headers, body, status] of cases) {
      const method = path === '/api/brands/1' ? 'DELETE' : 'POST'
      const answer = await rawRequest(method, path, headers, body)
      expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(status)
    }
    expect(harness.coordinator.status.is_running).toBe(false)
    expect(harness.coordinator.store.brands.list()).toHaveLength(1)
  })

  it('keeps same-origin JSON requests working, bodiless ones included', async () => {
    // What the UI in a browser sends: JSON even without a body, its own origin, same-origin.
    const sameOrigin = {
      'Content-Type': 'application/json',
      Origin: server.url,
      'Sec-Fetch-Site': 'same-origin'
    }
    const started = await rawRequest('POST', '/api/worker/start', sameOrigin, '{"mode":"once"}')
    expect(started.status).toBe(200)
    await harness.waitForStatus((status) => status.is_running)
    expect((await rawRequest('POST', '/api/worker/stop', sameOrigin)).status).toBe(200)
    await harness.coordinator.whenIdle()
    expect(harness.coordinator.status.is_running).toBe(false)
  })
})
