import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * A fresh clone anywhere must pass `npm test` and run: nothing in the project may read the
 * workplace's shared folder beside the repository. Test data is vendored under tests/fixtures
 * with its sources and licenses.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const folders = ['src', 'tests', 'bench', 'scripts', '.ci', '.github']
const outside = [/\.\.\/(?:\.\.\/)*shared\/fixtures/, /['"]\.\.['"],\s*['"]shared['"]/]

function files(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`
    if (entry.isDirectory()) return path === 'tests/fixtures' ? [] : files(path)
    return /\.(?:[cm]?[jt]sx?|sh|ya?ml|json)$|^run$/.test(entry.name) ? [path] : []
  })
}

describe('the repository is self-contained', () => {
  it('reads no test data from beside the repository', () => {
    const offenders = folders
      .flatMap((folder) => files(folder))
      // This file names such paths on purpose, to show the patterns catch them.
      .filter((file) => file !== 'tests/lint/self-contained.test.ts')
      .filter((file) =>
        outside.some((pattern) => pattern.test(readFileSync(join(root, file), 'utf8')))
      )
      .map((file) => relative(root, join(root, file)))
    expect(offenders).toEqual([])
  })

  it('catches a path into the shared folder', () => {
    expect(outside.some((pattern) => pattern.test("join(root, '..', 'shared', 'x')"))).toBe(true)
    expect(outside.some((pattern) => pattern.test("'../../../shared/fixtures/pages'"))).toBe(true)
    expect(outside.some((pattern) => pattern.test("'../../../shared/api-contract'"))).toBe(false)
  })
})
