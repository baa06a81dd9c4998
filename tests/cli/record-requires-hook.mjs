/**
 * `node --import ./record-requires-hook.mjs …`: writes every module a CommonJS program requires
 * (the resolved file, or the name of a built-in), one a line, to the file named by
 * RECORD_REQUIRES_FILE, so a test can see what the bundled worker loads before its run.
 */
import { appendFileSync } from 'node:fs'
import Module from 'node:module'

const load = Module._load
Module._load = function recordRequire(request, parent, isMain) {
  if (process.env.RECORD_REQUIRES_FILE) {
    let resolved = request
    try {
      resolved = Module._resolveFilename(request, parent, isMain)
    } catch {
      // Left to the real load to report.
    }
    appendFileSync(process.env.RECORD_REQUIRES_FILE, `${resolved}\n`)
  }
  return load.call(this, request, parent, isMain)
}
