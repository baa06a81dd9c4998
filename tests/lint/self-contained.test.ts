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
// The folder beside the repository, named in pieces so that this file itself points nowhere.
const besideFolder = ['sha', 'red'].join('')
const outside = [
  new RegExp(`\\.\\./(?:\\.\\./)*${besideFolder}/fixtures`),
  new RegExp(`['"]\\.\\.['"],\\s*['"]${besideFolder}['"]`)
]

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
      .filter((file) =>
        outside.some((pattern) => pattern.test(readFileSync(join(root, file), 'utf8')))
      )
      .map((file) => relative(root, join(root, file)))
    expect(offenders).toEqual([])
  })

  it('catches a path into the folder beside the repository, not into src/shared', () => {
    const up = '../../../'
    const caught = (text: string): boolean => outside.some((pattern) => pattern.test(text))
    expect(caught(`join(root, '..', '${besideFolder}', 'x')`)).toBe(true)
    expect(caught(`'${up}${besideFolder}/fixtures/pages'`)).toBe(true)
    expect(caught(`'${up}${besideFolder}/api-contract'`)).toBe(false)
  })
})
