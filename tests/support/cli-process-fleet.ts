import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { descendantPids, isRunning } from '../integration/process-table'
import {
  repositoryRoot,
  spawnProcess,
  type ProcessResult,
  type StartedProcess
} from './spawn-process'

const tsxLoader = pathToFileURL(
  join(repositoryRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')
).href
const cliEntry = join(repositoryRoot, 'src', 'cli', 'run-cli.ts')

/** One CLI process of a {@link CliProcessFleet}. */
export interface FleetMember extends StartedProcess {
  label: string
  /** `serve`, a worker typed in a terminal on the catalog's machine, or a `worker --queue`. */
  kind: 'serve' | 'terminal' | 'remote'
}

/** Where and with what a {@link CliProcessFleet} member starts. */
export interface FleetMemberOptions {
  /** Its working directory. Default: the repository root. */
  cwd?: string
  /** Added to the fleet's environment (`undefined` removes a variable). Default: none. */
  env?: Record<string, string | undefined>
}

/**
 * CLI processes started by a test as `npm run cli` does (src/cli/run-cli.ts through tsx's loader;
 * here without the tsx launcher process between, so that a signal reaches the CLI itself and a
 * worker's parent is its coordinator). Describes them for a failure message, stops them all
 * gracefully, and kills whatever is left of them (only them) when a test ends. The fleets of the
 * tests (`CliFleet`, `QueueFleet`) add how their members are started.
 */
export class CliProcessFleet {
  readonly members: FleetMember[] = []

  /**
   * @param env extra environment of every member (heartbeat and lease of a test); `undefined`
   *   removes a variable. Default: none.
   */
  constructor(private readonly env: Record<string, string | undefined> = {}) {}

  /** The live members. */
  get running(): FleetMember[] {
    return this.members.filter((member) => !member.exited)
  }

  /** Each member's state and what it printed, for a failure message. */
  describe(): string {
    return this.members
      .map((member) => {
        const state = member.exited ? 'exited' : `running (pid ${member.pid})`
        return `--- ${member.label}: ${state}\n${member.stdout().slice(-3000)}\n${member.stderr().slice(-2000)}`
      })
      .join('\n')
  }

  /**
   * SIGTERM to every live member (the CLI stops its workers gracefully); those still running
   * after `timeoutMs` are killed. Resolves with each member's result.
   */
  async stopAll(timeoutMs = 30_000): Promise<Map<FleetMember, ProcessResult>> {
    for (const member of this.running) process.kill(member.pid, 'SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
    })
    await Promise.race([Promise.all(this.members.map((member) => member.done)), timeout])
    clearTimeout(timer)
    this.killAll()
    const results = new Map<FleetMember, ProcessResult>()
    for (const member of this.members) results.set(member, await member.done)
    return results
  }

  /** SIGKILL to every live member and everything it started (workers, esbuild services). */
  killAll(): void {
    for (const member of this.running) {
      for (const pid of [...descendantPids(member.pid), member.pid]) {
        if (isRunning(pid)) process.kill(pid, 'SIGKILL')
      }
    }
  }

  /** Starts `run-cli ARGS` as a member. */
  protected startMember(
    label: string,
    kind: FleetMember['kind'],
    args: string[],
    options: FleetMemberOptions = {}
  ): FleetMember {
    const started = spawnProcess(process.execPath, ['--import', tsxLoader, cliEntry, ...args], {
      cwd: options.cwd,
      env: { ...this.env, ...options.env }
    })
    const member = Object.assign(started, { label, kind })
    this.members.push(member)
    return member
  }

  /** Resolves with a `serve` member's address once it prints it. */
  protected async serving(
    member: FleetMember,
    timeoutMs: number
  ): Promise<{ member: FleetMember; url: string }> {
    const [, url] = await member.waitForStdout(/serving (http:\/\/\S+)/, timeoutMs)
    return { member, url: url!.replace(/\/$/, '') }
  }
}
