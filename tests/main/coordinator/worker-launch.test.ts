import { describe, expect, it } from 'vitest'
import {
  brandHeldError,
  launchConfig,
  launchedMessage,
  workersBusyError
} from '../../../src/main/coordinator/worker-launch'
import { ApiError } from '../../../src/shared/api-error'
import { idleWorkerStatus } from '../../../src/shared/worker-status'

describe('launchConfig', () => {
  it('gives the worker the overrides, the request and the catalog, but not the shown brand name', () => {
    const config = launchConfig(
      { mode: 'brand', brandId: 3, brandName: 'KRK' },
      '/data/catalog.db',
      { runOverrides: { maxPages: 5 }, heartbeatMs: 500, leaseMs: 4000 }
    )
    expect(config).toEqual({
      maxPages: 5,
      mode: 'brand',
      brandId: 3,
      dbPath: '/data/catalog.db',
      sqliteNativeBinding: undefined,
      heartbeatMs: 500,
      leaseMs: 4000
    })
  })
})

describe('launch messages', () => {
  it('says which workers started, how', () => {
    expect(launchedMessage({ mode: 'once' }, [41])).toBe(
      'Started the worker (pid 41) in once mode.'
    )
    expect(launchedMessage({ mode: 'continuous', delay: 5 }, [41, 42])).toBe(
      'Started 2 workers (pid 41, 42) in continuous mode, 5 s between brands.'
    )
    expect(launchedMessage({ mode: 'continuous' }, [41])).toMatch(/, 60 s between brands\.$/)
    expect(launchedMessage({ mode: 'brand', brandId: 1, brandName: 'KRK' }, [null])).toBe(
      'Started the worker (pid null) in brand mode for KRK.'
    )
  })

  it('refuses a second start with a conflict that names what runs', () => {
    const error = workersBusyError([41, '?'], {
      ...idleWorkerStatus,
      mode: 'continuous',
      current_brand: 'KRK'
    })
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('conflict')
    expect(error.message).toBe(
      '2 workers are already running (pid 41, ?, continuous mode, scraping KRK). ' +
        'Stop it first, or wait for it to finish.'
    )
  })

  it('refuses a brand another worker holds, naming that worker', () => {
    const error = brandHeldError('KRK', { id: 'w-9', pid: 99, host: 'studio' })
    expect(error.code).toBe('conflict')
    expect(error.message).toMatch(/^KRK is being scraped by worker w-9 \(pid 99 on studio\)\./)
  })
})
