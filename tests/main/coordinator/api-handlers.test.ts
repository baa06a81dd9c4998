import { afterEach, describe, expect, it } from 'vitest'
import { exportFileName } from '../../../src/main/coordinator/api-handlers'
import { ApiError } from '../../../src/shared/api-error'
import {
  fixtureWorker,
  startCoordinator,
  type CoordinatorHarness
} from '../../support/coordinator-harness'

let harness: CoordinatorHarness | undefined

afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('exportFileName', () => {
  it('names the export after its brand, safe for a file system', () => {
    expect(exportFileName(undefined, 'csv')).toBe('products.csv')
    expect(exportFileName('Allen & Heath', 'json')).toBe('products-allen-heath.json')
    expect(exportFileName('../KRK/Systems', 'csv')).toBe('products--krk-systems.csv')
  })
})

describe('the API handlers', () => {
  it('worker.stop answers at once, and says when there is nothing to stop', async () => {
    harness = startCoordinator(fixtureWorker('run'))
    const { handlers } = harness.coordinator
    expect(await handlers.worker.stop({})).toEqual({ status: 'not_running' })
    const started = await handlers.worker.start({ mode: 'once', delay: 0, workers: 1 })
    expect(started).toMatchObject({ status: 'started', mode: 'once' })
    expect(started.pids).toEqual([started.pid])
    expect(await handlers.worker.stop({})).toEqual({ status: 'stopping' })
    expect((await harness.coordinator.whenIdle()).last_exit).toMatchObject({ crashed: false })
  })

  it('refuses to remove the brand being scraped, and logs a removal', async () => {
    harness = startCoordinator(fixtureWorker('run'))
    const { coordinator } = harness
    const brand = coordinator.store.brands.add({ name: 'Genelec', website: 'https://x.test/' })
    coordinator.handlers.worker.scrapeBrand({ brand: 'genelec' })
    expect(coordinator.status.current_brand).toBe('Genelec')
    expect(() => coordinator.handlers.brands.remove({ id: brand.id })).toThrow(ApiError)
    expect(() => coordinator.handlers.brands.remove({ id: brand.id })).toThrow(/being scraped/)
    await coordinator.stop()
    expect(coordinator.handlers.brands.remove({ id: brand.id })).toEqual({ removed: true })
    expect(coordinator.store.logs.list({ limit: 50 }).map((l) => l.message)).toContain(
      'Removed brand Genelec and its products.'
    )
  })

  it('exports the products of one brand under its name', async () => {
    harness = startCoordinator(fixtureWorker('run'))
    const { handlers, store } = harness.coordinator
    store.brands.add({ name: 'Allen & Heath', website: 'https://x.test/' })
    const exported = await handlers.products.export({ brand: 'allen & heath', format: 'json' })
    expect(exported).toMatchObject({
      filename: 'products-allen-heath.json',
      mimeType: 'application/json',
      count: 0
    })
    expect(() => handlers.products.export({ brand: 'Nobody', format: 'csv' })).toThrow(/Nobody/)
  })

  it('opens the log file where there is a desktop, else gives its path', async () => {
    const opened: string[] = []
    harness = startCoordinator({
      ...fixtureWorker('run'),
      openPath: async (path) => {
        opened.push(path)
        return true
      }
    })
    const { handlers } = harness.coordinator
    const result = await handlers.logs.openFile({})
    expect(result).toEqual({ opened: true, path: expect.stringMatching(/brand-scraper\.log$/) })
    expect(opened).toEqual([result.path])
    expect(handlers.logs.file({})).toEqual({ path: result.path })
  })
})
