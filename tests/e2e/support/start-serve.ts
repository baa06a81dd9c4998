import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

/** A headless coordinator started with `serve`. */
export interface ServeProcess {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** Everything it wrote to stderr so far (for failure messages). */
  stderr(): string
  /** Every line it printed to stdout so far (the token link, with `--token`). */
  stdout(): string[]
  /** SIGTERM (the worker stops gracefully), then SIGKILL after 15 s. */
  close(): Promise<void>
}

/**
 * Starts `npm run cli -- serve --port 0 --db <dbPath> [...extraArgs]` as a real child process and
 * resolves with its URL once it prints `Brand Scraper is serving …`.
 */
export async function startServe(dbPath: string, extraArgs: string[] = []): Promise<ServeProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/run-cli.ts', 'serve', '--port', '0', '--db', dbPath, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'], env: process.env }
  )
  const stdout: string[] = []
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${stderr}`)), 60_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line)
      const match = /Brand Scraper is serving (http:\/\/\S+)/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!.replace(/\/$/, ''))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with code ${code}:\n${stderr}`))
    })
  })
  return {
    url,
    stderr: () => stderr,
    stdout: () => [...stdout],
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    }
  }
}
