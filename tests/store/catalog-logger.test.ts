import { describe, expect, it } from 'vitest'
import type { LogEntry } from '../../src/shared/log-entry'
import { CatalogLogger } from '../../src/store/catalog-logger'
import { useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

describe('CatalogLogger', () => {
  it('stores each line before publishing it, with its source and scope', () => {
    const published: LogEntry[] = []
    const storedWhenPublished: number[] = []
    const logger = new CatalogLogger(catalog.store.logs, 'worker', (entry) => {
      storedWhenPublished.push(catalog.store.logs.list({ limit: 100 }).length)
      published.push(entry)
    })
    logger.write('info', 'Worker started.')
    logger.scoped({ brand: 'KRK', runId: 3 })('warn', 'Slow page.')
    expect(storedWhenPublished).toEqual([1, 2])
    expect(published).toMatchObject([
      { level: 'info', source: 'worker', brand: null, runId: null, message: 'Worker started.' },
      { level: 'warn', source: 'worker', brand: 'KRK', runId: 3, message: 'Slow page.' }
    ])
    expect(catalog.store.logs.list({ limit: 100 })).toEqual(published)
  })
})
