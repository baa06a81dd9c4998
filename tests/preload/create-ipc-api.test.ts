import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createIpcApi } from '../../src/preload/create-ipc-api'
import { apiEventNames, listApiMethods } from '../../src/shared/api-contract'
import { ipcChannel, ipcEventChannel } from '../../src/shared/ipc-channels'
import type { ApiResult } from '../../src/shared/api-error'

const spec = {
  methods: listApiMethods().map(([d, m]) => [d, m, ipcChannel(d, m)] as const),
  events: apiEventNames.map((e) => [e, ipcEventChannel(e)] as const)
}

describe('createIpcApi', () => {
  it('invokes each method on its channel and unwraps the result', async () => {
    const sent: Array<[string, unknown]> = []
    const api = createIpcApi(
      spec,
      async (channel, request): Promise<ApiResult<unknown>> => {
        sent.push([channel, request])
        return { ok: true, value: { status: 'started', pid: 1, brand: 'KRK Systems' } }
      },
      () => () => {}
    )
    await expect(api.worker.scrapeBrand({ brand: 'KRK Systems' })).resolves.toMatchObject({
      brand: 'KRK Systems'
    })
    await api.brands.list()
    expect(sent).toEqual([
      ['api:worker.scrapeBrand', { brand: 'KRK Systems' }],
      ['api:brands.list', {}]
    ])
  })

  it('rejects with an error whose code survives the context bridge', async () => {
    const api = createIpcApi(
      spec,
      async () => ({ ok: false, error: { code: 'conflict', message: 'The worker is busy.' } }),
      () => () => {}
    )
    const error = await api.worker.stop().catch((e: unknown) => e)
    // Only the message crosses the bridge: the renderer's toApiError reads the code back from it.
    expect(error).toMatchObject({ code: 'conflict', message: '[conflict] The worker is busy.' })
  })

  it('subscribes to event channels and refuses unknown events', () => {
    const subscribed: string[] = []
    const api = createIpcApi(
      spec,
      async () => ({ ok: true, value: null }),
      (channel, listener) => {
        subscribed.push(channel)
        listener({ id: 1 })
        return () => {}
      }
    )
    const received: unknown[] = []
    api.on('log', (entry) => received.push(entry))
    expect(subscribed).toEqual(['event:log'])
    expect(received).toEqual([{ id: 1 }])
    expect(() => api.on('nope' as 'log', () => {})).toThrow('Unknown event')
  })
})

describe('the built preload', () => {
  const built = join(import.meta.dirname, '../../out/preload/index.cjs')
  it.skipIf(!existsSync(built))('requires nothing but electron, so it runs sandboxed', () => {
    const code = readFileSync(built, 'utf8')
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
    expect(new Set(required)).toEqual(new Set(['electron']))
    expect(code).not.toMatch(/\bimport\s/)
    expect(code).not.toContain('zod')
  })
})
