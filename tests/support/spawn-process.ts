import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The repository root: where processes under test start unless told otherwise. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url))

/** How a process under test ended, with all it wrote. */
export interface ProcessResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A process under test, its output captured as it comes. */
export interface StartedProcess {
  child: ChildProcess
  pid: number
  /** Resolves when it has exited (and, with `drainMs`, its pipes have closed). */
  done: Promise<ProcessResult>
  stdout: () => string
  stderr: () => string
  /** Set once it has exited. */
  readonly exited: boolean
  /** Resolves with the match once stdout matches `pattern`; rejects at the deadline or exit. */
  waitForStdout: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
}

/** Options of {@link spawnProcess}. */
export interface SpawnProcessOptions {
  /** Its working directory. Default: the repository root. */
  cwd?: string
  /** Added to this process's environment; `undefined` removes a variable. Default: none. */
  env?: Record<string, string | undefined>
  /**
   * After the exit, how long `done` waits for the pipes to close (they may still hold the last
   * lines; an orphaned grandchild may hold them open for good, which the caller's own checks
   * report). Default: 0, `done` resolves at the exit.
   */
  drainMs?: number
  /** The deadline of `waitForStdout` when it is given none. Default: 30 000 ms. */
  waitTimeoutMs?: number
}

/** Starts `command args` with stdin closed, capturing stdout and stderr. */
export function spawnProcess(
  command: string,
  args: string[],
  options: SpawnProcessOptions = {}
): StartedProcess {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env }
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name]
  const child = spawn(command, args, {
    cwd: options.cwd ?? repositoryRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  let exited = false
  const drainMs = options.drainMs ?? 0
  const done = new Promise<ProcessResult>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true
      const finish = (): void => resolve({ code, signal, stdout, stderr })
      if (drainMs === 0) return finish()
      child.stdout!.once('close', finish)
      setTimeout(finish, drainMs).unref()
    })
  )
  const waitForStdout = async (
    pattern: RegExp,
    timeoutMs = options.waitTimeoutMs ?? 30_000
  ): Promise<RegExpMatchArray> => {
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
  return {
    child,
    pid: child.pid!,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    get exited() {
      return exited
    },
    waitForStdout
  }
}
