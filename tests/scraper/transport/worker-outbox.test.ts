import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LogEntry } from '../../../src/shared/log-entry'
import type { WorkerMessage } from '../../../src/shared/worker-protocol'
import { WorkerOutbox } from '../../../src/scraper/transport/worker-outbox'

const entry = (id: number): LogEntry => ({
  id,
  time: '2026-01-01T00:00:00.000Z',
  level: 'info',
  source: 'worker',
  brand: null,
  runId: null,
  message: `line ${id}`
})

afterEach(() => {
  vi.useRealTimers()
})

describe('WorkerOutbox', () => {
  it('batches log lines and sends them before any later message, in order', () => {
    const sent: WorkerMessage[] = []
    const outbox = new WorkerOutbox({ send: (message) => sent.push(message) })
    outbox.log(entry(1))
    outbox.log(entry(2))
    expect(sent).toEqual([])
    outbox.send({ type: 'waiting', until: '2026-01-01T00:01:00.000Z', brand: null })
    expect(sent.map((m) => m.type)).toEqual(['logs', 'waiting'])
    expect(sent[0]).toMatchObject({ entries: [{ id: 1 }, { id: 2 }] })
  })

  it('sends waiting lines after the delay, and at once when a batch is full', () => {
    vi.useFakeTimers()
    const sent: WorkerMessage[] = []
    const outbox = new WorkerOutbox({ send: (m) => sent.push(m) }, { maxDelayMs: 20, maxBatch: 3 })
    for (let id = 1; id <= 4; id++) outbox.log(entry(id))
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(19)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(sent.map((m) => (m.type === 'logs' ? m.entries.map((e) => e.id) : []))).toEqual([
      [1, 2, 3],
      [4]
    ])
  })
})
