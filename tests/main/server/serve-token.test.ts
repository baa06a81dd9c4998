import { statSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadServeToken, sameToken, serveTokenFileName } from '../../../src/main/server/serve-token'
import { makeTempDir } from '../../support/temp-dir'

const temps: Array<{ cleanup: () => void }> = []
afterEach(() => temps.splice(0).forEach((temp) => temp.cleanup()))

function tempDir(): string {
  const temp = makeTempDir()
  temps.push(temp)
  return temp.dir
}

describe('loadServeToken', () => {
  it('generates a random token on first use, in a file only its owner can read (0600)', () => {
    const dir = tempDir()
    const first = loadServeToken(dir)
    expect(first).toMatchObject({ created: true, file: join(dir, serveTokenFileName) })
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(statSync(first.file).mode & 0o777).toBe(0o600)
    expect(readFileSync(first.file, 'utf8').trim()).toBe(first.token)
    expect(loadServeToken(dir)).toEqual({ ...first, created: false })
    expect(loadServeToken(tempDir()).token).not.toBe(first.token)
  })

  it('sets a readable token file back to 0600, and replaces a token too short to be one', () => {
    const dir = tempDir()
    const file = join(dir, serveTokenFileName)
    writeFileSync(file, 'x'.repeat(40), { mode: 0o644 })
    expect(loadServeToken(dir).token).toBe('x'.repeat(40))
    expect(statSync(file).mode & 0o777).toBe(0o600)
    writeFileSync(file, 'short')
    const replaced = loadServeToken(dir)
    expect(replaced.created).toBe(true)
    expect(replaced.token).not.toBe('short')
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })
})

describe('sameToken', () => {
  it('matches only the same token, whatever the lengths', () => {
    expect(sameToken('abc', 'abc')).toBe(true)
    expect(sameToken('abd', 'abc')).toBe(false)
    expect(sameToken('', 'abc')).toBe(false)
    expect(sameToken('abc'.repeat(50), 'abc')).toBe(false)
  })
})
