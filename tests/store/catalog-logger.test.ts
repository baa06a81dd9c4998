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

describe('CatalogLogger and terminal escapes', () => {
  it('stores and publishes a line quoting scraped text without its control characters', () => {
    const published: LogEntry[] = []
    const logger = new CatalogLogger(catalog.store.logs, 'worker', (entry) => published.push(entry))
    const name = 'Lamp\x1b]0;pwned\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07'
    logger.scoped({ brand: 'KRK\x1b[2J', runId: 1 })(
      'debug',
      `Product ${name} at https://brand.test/\x9b2J\nsecond line\r\x07`
    )
    const expected = { brand: 'KRK', message: 'Product Lamp at https://brand.test/\nsecond line\n' }
    expect(published).toMatchObject([expected])
    expect(catalog.store.logs.list({ limit: 100 })).toMatchObject([expected])
    expect(JSON.stringify(published)).not.toMatch(/\\u001b|\\u0007|\\u009b/)
  })
})
