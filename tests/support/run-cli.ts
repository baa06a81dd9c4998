import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

const root = join(__dirname, '..', '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')
const entry = join(root, 'src', 'cli', 'run-cli.ts')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A CLI process under test. */
export interface StartedCli {
  child: ChildProcess
  done: Promise<CliResult>
  stdout: () => string
  /** Resolves with the match once stdout matches `pattern`; rejects at the deadline or exit. */
  waitForStdout: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>
}

/** Starts the real CLI as a process; `done` resolves when it exits. */
export function startCli(args: string[], env: Record<string, string> = {}): StartedCli {
  const child = spawn(tsx, [entry, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const done = new Promise<CliResult>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }))
  )
  let exited = false
  void done.then(() => (exited = true))
  const waitForStdout = async (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const match = stdout.match(pattern)
      if (match) return match
      if (exited || Date.now() > deadline) {
        throw new Error(
          `stdout never matched ${pattern}${exited ? ' (the CLI exited)' : ''}:\n${stdout}\n${stderr}`
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  return { child, done, stdout: () => stdout, waitForStdout }
}

/** Runs the CLI to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, env).done
}
