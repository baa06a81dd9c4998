import { statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { UsageError } from './usage-error'

/**
 * Refuses a file whose folder does not exist, saying what to do, before anything is written: a
 * mistyped `--db` or `--out` must not create folders nor end in a raw `ENOENT`. `option` names
 * the argument in the message (`--db`, `--out`).
 */
export function requireParentFolder(file: string, option: string): void {
  const folder = dirname(resolve(file))
  let isFolder: boolean
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    isFolder = false
  }
  if (!isFolder) {
    throw new UsageError(
      `${option} ${file}: the folder ${folder} does not exist. Create it first ` +
        `(mkdir -p '${folder}') or give ${option} a file in an existing folder.`
    )
  }
}
