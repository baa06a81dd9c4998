import { describe, expect, it } from 'vitest'
import { formatBytes } from '../../../src/scraper/fetch/format-bytes'
import { maxResponseBytes } from '../../../src/scraper/fetch/response-size-cap'

describe('formatBytes', () => {
  it('tells sizes in MB from 1 MB up and in KB below, to one decimal at most', () => {
    expect(formatBytes(maxResponseBytes)).toBe('10 MB')
    expect(formatBytes(1024 * 1024)).toBe('1 MB')
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB')
    expect(formatBytes(30 * 1024 * 1024 + 1)).toBe('30 MB')
    expect(formatBytes(100_000)).toBe('97.7 KB')
    expect(formatBytes(0)).toBe('0 KB')
  })
})
