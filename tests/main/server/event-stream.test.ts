import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EventStreams } from '../../../src/main/server/event-stream'
import {
  fixtureWorker,
  startCoordinator,
  type CoordinatorHarness
} from '../../support/coordinator-harness'

let harness: CoordinatorHarness | undefined
let server: Server | undefined
let streams: EventStreams | undefined

afterEach(async () => {
  vi.useRealTimers()
  streams?.closeAll()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  await harness?.close()
  harness = server = streams = undefined
})

/** Serves the streams of a real coordinator; returns a reader of what one client receives. */
async function openStream(heartbeatMs?: number): Promise<{
  nextChunk: (matching: RegExp) => Promise<string>
  received: () => string
}> {
  harness = startCoordinator(fixtureWorker('run'))
  const eventStreams = new EventStreams(harness.coordinator, { heartbeatMs })
  streams = eventStreams
  server = createServer((request, response) => eventStreams.serve(request, response))
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let text = ''
  return {
    received: () => text,
    nextChunk: async (matching) => {
      while (!matching.test(text)) {
        const { value, done } = await reader.read()
        if (done) throw new Error(`The stream ended without ${matching}; got ${text}`)
        text += decoder.decode(value)
      }
      return text
    }
  }
}

describe('EventStreams', () => {
  it('starts with the retry delay and the current status, then carries every event', async () => {
    const stream = await openStream()
    const start = await stream.nextChunk(/event: status\n/)
    expect(start).toMatch(/^retry: 2000\n\nevent: status\ndata: \{"version":0,"is_running":false/)
    harness!.coordinator.log('info', 'Hello from the coordinator.')
    const text = await stream.nextChunk(/event: log\n/)
    const data = /event: log\ndata: (.*)\n\n/.exec(text)![1]!
    expect(JSON.parse(data)).toMatchObject({
      source: 'coordinator',
      message: 'Hello from the coordinator.'
    })
  })

  it('keeps a quiet stream open with a heartbeat comment', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    const stream = await openStream(15_000)
    const start = await stream.nextChunk(/event: status\n/)
    expect(start).not.toMatch(/heartbeat/)
    vi.advanceTimersByTime(15_000)
    expect(await stream.nextChunk(/: heartbeat\n\n/)).toMatch(/\n\n: heartbeat\n\n$/)
  })

  it('ends every stream on closeAll', async () => {
    const stream = await openStream()
    await stream.nextChunk(/event: status\n/)
    streams!.closeAll()
    await expect(stream.nextChunk(/never/)).rejects.toThrow(/ended/)
  })
})
