import { connect } from 'node:net'
import { join } from 'node:path'
import {
  repositoryRoot,
  spawnProcess,
  type ProcessResult,
  type StartedProcess
} from '../support/spawn-process'

export type { ProcessResult, StartedProcess }

/** The repository root. */
export const root = repositoryRoot

/** The `brand-scraper` command of package.json's `bin`. */
export const launcher = join(root, 'bin', 'brand-scraper.mjs')

/** The bundle the launcher runs (scripts/build-cli.mjs). */
export const bundleDir = join(root, 'out', 'cli')

/** Options of {@link startBuiltCli}. */
export interface StartProcessOptions {
  env?: Record<string, string>
  /** Node options placed before the script (`--import …`). Default: none. */
  nodeArgs?: string[]
}

/**
 * Starts `command args` in the repository root, capturing its output; `done` waits up to 2 s
 * after the exit for the last lines.
 */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {}
): StartedProcess {
  return spawnProcess(command, args, { env, drainMs: 2000, waitTimeoutMs: 60_000 })
}

/** Starts the built command, `brand-scraper ARGS`, as a user's shell would. */
export function startBuiltCli(args: string[], options: StartProcessOptions = {}): StartedProcess {
  return startProcess(
    process.execPath,
    [...(options.nodeArgs ?? []), launcher, ...args],
    options.env
  )
}

/** Runs the built command to its end. */
export function runBuiltCli(
  args: string[],
  options: StartProcessOptions = {}
): Promise<ProcessResult> {
  return startBuiltCli(args, options).done
}

/** Whether something accepts TCP connections at `url`'s host and port. */
export function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/** Polls `check` every 50 ms until it holds; false if it never did within `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
