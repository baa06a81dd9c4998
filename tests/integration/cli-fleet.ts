import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { CliResult } from '../support/run-cli'
import { descendantPids, isRunning, parentPid } from './process-table'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** One CLI process of a {@link CliFleet}: `serve`, or a terminal worker. */
export interface FleetMember {
  label: string
  kind: 'serve' | 'terminal'
  /** The CLI's Node process: the coordinator, whose children are its workers. */
  pid: number
  done: Promise<CliResult>
  stdout: () => string
  stderr: () => string
  /** Set once the process has exited. */
  exited: boolean
}

/**
 * The CLI processes sharing one catalog: `serve` and terminal workers, started as `npm run cli`
 * does (src/cli/run-cli.ts through tsx's loader; here without the tsx launcher process between,
 * so that a signal reaches the CLI itself and a worker's parent is its coordinator). Knows which
 * of them a worker process belongs to, stops them all gracefully, and kills whatever is left of
 * them (only them) when a test ends.
 */
export class CliFleet {
  readonly members: FleetMember[] = []
  private terminals = 0

  /**
   * @param db the catalog file every member opens
   * @param env extra environment of every member (heartbeat and lease of a test). Default: none.
   */
  constructor(
    private readonly db: string,
    private readonly env: Record<string, string> = {}
  ) {}

  /** `worker --mode continuous --delay 0`, as typed in a terminal. */
  startTerminalWorker(extraArgs: string[] = []): FleetMember {
    this.terminals++
    return this.start(`terminal ${this.terminals}`, 'terminal', [
      'worker',
      '--mode',
      'continuous',
      '--delay',
      '0',
      ...extraArgs
    ])
  }

  /** `serve --port 0`; resolves with its address once it prints it. */
  async startServe(timeoutMs = 60_000): Promise<{ member: FleetMember; url: string }> {
    const member = this.start('serve', 'serve', ['serve', '--port', '0'])
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const match = /serving (http:\/\/\S+)/.exec(member.stdout())
      if (match) return { member, url: match[1]!.replace(/\/$/, '') }
      if (member.exited) throw new Error(`serve exited: ${(await member.done).stderr}`)
      if (Date.now() > deadline) throw new Error(`serve did not start: ${member.stdout()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** The member a worker process belongs to: the CLI that forked it. */
  ownerOf(workerPid: number): FleetMember | undefined {
    const coordinator = parentPid(workerPid)
    return this.members.find((member) => !member.exited && member.pid === coordinator)
  }

  /** Each member's state and what it printed, for a failure message. */
  describe(): string {
    return this.members
      .map((member) => {
        const state = member.exited ? 'exited' : `running (pid ${member.pid})`
        return `--- ${member.label}: ${state}\n${member.stdout().slice(-2000)}\n${member.stderr().slice(-2000)}`
      })
      .join('\n')
  }

  /** The live members. */
  get running(): FleetMember[] {
    return this.members.filter((member) => !member.exited)
  }

  /**
   * SIGTERM to every live member (the CLI stops its workers gracefully); those still running
   * after `timeoutMs` are killed. Resolves with each member's result.
   */
  async stopAll(timeoutMs = 30_000): Promise<Map<FleetMember, CliResult>> {
    for (const member of this.running) process.kill(member.pid, 'SIGTERM')
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
    })
    await Promise.race([Promise.all(this.members.map((member) => member.done)), timeout])
    clearTimeout(timer)
    this.killAll()
    const results = new Map<FleetMember, CliResult>()
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

  private start(label: string, kind: FleetMember['kind'], args: string[]): FleetMember {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/run-cli.ts', ...args, '--db', this.db],
      { cwd: root, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const member: FleetMember = {
      label,
      kind,
      pid: child.pid!,
      done: new Promise<CliResult>((resolve) =>
        child.on('exit', (code, signal) => {
          member.exited = true
          resolve({ code, signal, stdout, stderr })
        })
      ),
      stdout: () => stdout,
      stderr: () => stderr,
      exited: false
    }
    this.members.push(member)
    return member
  }
}

/** A JSON request to a `serve` API; throws with the body on an HTTP error. */
export async function callApi<T>(
  url: string,
  path: string,
  body?: Record<string, unknown>
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as T
}
