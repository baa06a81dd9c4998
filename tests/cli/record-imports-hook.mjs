/**
 * `node --import ./record-imports-hook.mjs …`: writes every module URL the process loads, one a
 * line, to the file named by RECORD_IMPORTS_FILE, so a test can see what a command pulled in.
 * Loaded first on the main thread it registers itself; on the hooks thread it is the hook.
 */
import { appendFileSync } from 'node:fs'
import { register } from 'node:module'
import { isMainThread } from 'node:worker_threads'

if (isMainThread) register(import.meta.url)

/** Node's module resolve hook: records the resolved URL, changes nothing. */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context)
  if (process.env.RECORD_IMPORTS_FILE)
    appendFileSync(process.env.RECORD_IMPORTS_FILE, `${result.url}\n`)
  return result
}
