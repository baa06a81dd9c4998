import { join } from 'node:path'
import {
  repositoryRoot,
  spawnProcess,
  type ProcessResult,
  type StartedProcess
} from './spawn-process'

const tsx = join(repositoryRoot, 'node_modules', '.bin', 'tsx')
const entry = join(repositoryRoot, 'src', 'cli', 'run-cli.ts')

/** How a CLI process ended, with all it wrote. */
export type CliResult = ProcessResult

/** A CLI process under test. */
export type StartedCli = StartedProcess

/** Starts the real CLI as a process (through tsx, as `npm run cli`); `done` resolves when it exits. */
export function startCli(args: string[], env: Record<string, string> = {}): StartedCli {
  return spawnProcess(tsx, [entry, ...args], { env })
}

/** Runs the CLI to its end. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return startCli(args, env).done
}
