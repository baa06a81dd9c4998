import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { CliResult } from '../support/run-cli'

const root = fileURLToPath(new URL('../..', import.meta.url))
const tsxLoader = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
const cliEntry = join(root, 'src', 'cli', 'run-cli.ts')

/** One process of a {@link QueueFleet}. */
export interface QueueMember {
  label: string
  pid: number
  done: Promise<CliResult>
  stdout: () => string
  stderr: () => string
  exited: boolean
}

/**
 * `serve --queue` and `worker --queue` processes, started as a user would on several machines:
 * each worker in its own working directory and home, with no catalog path in its arguments or
 * environment. Kills only what it started.
 */
export class QueueFleet {
  readonly members: QueueMember[] = []
  private workers = 0

  /**
   * @param base a folder for the workers' homes
   * @param env extra environment of every member (heartbeats, lock of a test). Default: none.
   */
  constructor(
    private readonly base: string,
    private readonly env: Record<string, string> = {}
  ) {}

  /**
   * `serve --port 0 --queue URL --db DB [...args]` (without `--queue` when `queue` is null);
   * resolves with its address.
   */
  async startServe(
    db: string,
    queue: string | null,
    args: string[] = []
  ): Promise<{ member: QueueMember; url: string }> {
    const member = this.start('serve', root, process.env.HOME ?? root, [
      'serve',
      '--port',
      '0',
      ...(queue === null ? [] : ['--queue', queue]),
      '--db',
      db,
      ...args
    ])
    const deadline = Date.now() + 60_000
    for (;;) {
      const match = /serving (http:\/\/\S+)/.exec(member.stdout())
      if (match) return { member, url: match[1]!.replace(/\/$/, '') }
      if (member.exited) throw new Error(`serve exited: ${(await member.done).stderr}`)
      if (Date.now() > deadline) throw new Error(`serve did not start: ${member.stderr()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  /** `worker --queue URL [...args]` in a fresh working directory and home. */
  startWorker(queue: string, args: string[] = []): QueueMember {
    this.workers++
    const home = join(this.base, `worker-${this.workers}`)
    mkdirSync(home, { recursive: true })
    return this.start(`worker ${this.workers}`, home, home, ['worker', '--queue', queue, ...args])
  }

  describe(): string {
    return this.members
      .map((member) => {
        const state = member.exited ? 'exited' : `running (pid ${member.pid})`
        return `--- ${member.label}: ${state}\n${member.stdout().slice(-3000)}\n${member.stderr().slice(-2000)}`
      })
      .join('\n')
  }

  get running(): QueueMember[] {
    return this.members.filter((member) => !member.exited)
  }

  /** SIGTERM to every live member, SIGKILL to those left after `timeoutMs`. */
  async stopAll(timeoutMs = 30_000): Promise<void> {
    for (const member of this.running) process.kill(member.pid, 'SIGTERM')
    const deadline = Date.now() + timeoutMs
    while (this.running.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    this.killAll()
  }

  killAll(): void {
    for (const member of this.running) process.kill(member.pid, 'SIGKILL')
  }

  private start(label: string, cwd: string, home: string, args: string[]): QueueMember {
    const env: Record<string, string | undefined> = { ...process.env, ...this.env, HOME: home }
    delete env.BRAND_SCRAPER_DB
    const child = spawn(process.execPath, ['--import', tsxLoader, cliEntry, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const member: QueueMember = {
      label,
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

/** Resolves when `check` holds, polling; throws with `describe()` at the deadline. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out.\n${describe()}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
