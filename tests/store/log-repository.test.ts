import { describe, expect, it } from 'vitest'
import { useTempCatalog } from './catalog-fixtures'

const catalog = useTempCatalog()

describe('LogRepository', () => {
  it('caps the log at its retention size, keeping the newest lines', () => {
    const store = catalog.reopen('logs.db', { retain: 100 })
    for (let i = 0; i < 250; i++) {
      store.logs.add({
        time: new Date().toISOString(),
        level: i % 2 ? 'info' : 'error',
        source: 'worker',
        brand: i % 5 ? 'KRK' : null,
        runId: null,
        message: `line ${i}`
      })
    }
    store.logs.prune()
    const all = store.logs.list({ limit: 1000 })
    expect(all.length).toBe(100)
    expect(all.at(-1)?.message).toBe('line 249')
    expect(store.logs.list({ limit: 1000, level: 'error' }).every((l) => l.level === 'error')).toBe(
      true
    )
    expect(store.logs.list({ limit: 1000, q: 'line 24' }).map((l) => l.message)).toContain(
      'line 248'
    )
    const after = store.logs.list({ limit: 5, after: all.at(-3)!.id })
    expect(after.map((l) => l.message)).toEqual(['line 248', 'line 249'])
  })

  it('filters by brand regardless of case, pages back with before, and searches literally', () => {
    const { store } = catalog
    const add = (message: string, brand: string | null = null): number =>
      store.logs.add({
        time: new Date().toISOString(),
        level: 'info',
        source: 'coordinator',
        brand,
        runId: 7,
        message
      }).id
    add('first', 'KRK')
    const second = add('100% done', 'Shure')
    add('100 done_x', 'KRK')
    expect(store.logs.list({ limit: 10, brand: 'krk' }).map((l) => l.message)).toEqual([
      'first',
      '100 done_x'
    ])
    // `%` and `_` are text, not LIKE wildcards.
    expect(store.logs.list({ limit: 10, q: '100%' }).map((l) => l.message)).toEqual(['100% done'])
    expect(store.logs.list({ limit: 10, q: 'e_x' }).map((l) => l.message)).toEqual(['100 done_x'])
    expect(store.logs.list({ limit: 10, before: second })).toMatchObject([
      { message: 'first', brand: 'KRK', runId: 7, source: 'coordinator' }
    ])
  })
})
