import { describe, expect, it } from 'vitest'
import { coordinatorMessageSchema, workerMessageSchema } from '../../src/shared/worker-protocol'
import { defaultDelaySeconds } from '../../src/shared/worker-mode'
import { defaultHeartbeatMs, defaultLeaseMs } from '../../src/shared/worker-record'

const progress = {
  brand: 'KRK Systems',
  runId: 3,
  pagesDiscovered: 40,
  pagesVisited: 12,
  productsFound: 9,
  productsNew: 2,
  productsUpdated: 1,
  errorCount: 0,
  currentUrl: 'https://www.krkmusic.com/rokit',
  startedAt: '2026-11-30T12:00:00.000Z'
}

describe('worker protocol', () => {
  it('fills a run config with the defaults the user did not give', () => {
    const message = coordinatorMessageSchema.parse({
      type: 'run',
      config: { mode: 'continuous', dbPath: '/tmp/catalog.db' }
    })
    expect(message).toEqual({
      type: 'run',
      config: {
        mode: 'continuous',
        dbPath: '/tmp/catalog.db',
        delay: defaultDelaySeconds,
        heartbeatMs: defaultHeartbeatMs,
        leaseMs: defaultLeaseMs
      }
    })
  })

  it('carries a brand by catalog id and per-run crawl overrides', () => {
    const message = coordinatorMessageSchema.parse({
      type: 'run',
      config: { mode: 'brand', brandId: 7, dbPath: '/c.db', concurrency: 4, browserOnly: true }
    })
    expect(message.type === 'run' && message.config).toMatchObject({ brandId: 7, concurrency: 4 })
  })

  it.each([
    [{ mode: 'sometimes', dbPath: '/c.db' }, 'mode'],
    [{ mode: 'once', dbPath: '' }, 'dbPath'],
    [{ mode: 'continuous', dbPath: '/c.db', delay: -1 }, 'delay'],
    [{ mode: 'brand', dbPath: '/c.db', brandId: 'KRK' }, 'brandId'],
    [{ mode: 'once', dbPath: '/c.db', concurrency: 99 }, 'concurrency']
  ])('refuses a malformed run config %o, naming %s', (config, field) => {
    const result = coordinatorMessageSchema.safeParse({ type: 'run', config })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(`config.${field}`)
  })

  it('accepts progress in the run vocabulary and refuses the old counter names', () => {
    expect(workerMessageSchema.parse({ type: 'progress', progress })).toEqual({
      type: 'progress',
      progress
    })
    const { pagesVisited: _pages, ...old } = progress
    const stale = workerMessageSchema.safeParse({
      type: 'progress',
      progress: { ...old, pagesDone: 12 }
    })
    expect(stale.success).toBe(false)
  })

  it('refuses a log batch from an unknown source or with no lines', () => {
    const entry = {
      id: 1,
      time: '2026-11-30T12:00:00.000Z',
      level: 'info',
      source: 'worker',
      brand: null,
      runId: null,
      message: 'Scraping KRK Systems'
    }
    expect(workerMessageSchema.safeParse({ type: 'logs', entries: [entry] }).success).toBe(true)
    expect(
      workerMessageSchema.safeParse({ type: 'logs', entries: [{ ...entry, source: 'browser' }] })
        .success
    ).toBe(false)
    expect(workerMessageSchema.safeParse({ type: 'logs', entries: [] }).success).toBe(false)
  })
})
