import { spawn, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url))

/** The `brand-scraper` command of package.json's `bin`. */
export const launcher = join(root, 'bin', 'brand-scraper.mjs')

/** The bundle the launcher runs (scripts/build-cli.mjs). */
export const bundleDir = join(root, 'out', 'cli')

/** How a process under test ended, with all it wrote. */
export interface ProcessResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A process under test. */
export interface StartedProcess {
  child: ChildProcess
  done: Promise<ProcessResult>
  /** Resolves with the match once stdout matches `pattern`; rejects at the deadline or exit. */
  waitForStdout: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  env?: Record<string, string>
  /** Node options placed before the script (`--import …`). Default: none. */
  nodeArgs?: string[]
}

/** Starts `command args` in the repository root, capturing its output. */
export function startProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {}
): StartedProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let exited = false
  const done = new Promise<ProcessResult>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true
      const finish = (): void => resolve({ code, signal, stdout, stderr })
      // The pipes may still hold the last lines; an orphaned grandchild may hold them open for
      // good, which the caller's own checks report.
      child.stdout!.once('close', finish)
      setTimeout(finish, 2000).unref()
    })
  )
  const waitForStdout = async (pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const match = stdout.match(pattern)
      if (match) return match
      if (exited || Date.now() > deadline) {
        const why = exited ? ' (the process exited)' : ''
        throw new Error(`stdout never matched ${pattern}${why}:\n${stdout}\n${stderr}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return { child, done, waitForStdout }
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
