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

/** Starts the real CLI as a process; `done` resolves when it exits. */
export function startCli(
  args: string[],
  env: Record<string, string> = {}
): { child: ChildProcess; done: Promise<CliResult>; stdout: () => string } {
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
  return { child, done, stdout: () => stdout }
}

/** Runs the CLI to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, env).done
}
