import { fork } from 'node:child_process'
import { createInterface } from 'node:readline'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { WorkerTransport, WorkerTransportFactory } from './worker-transport'

/** Options of {@link nodeWorkerTransport}. */
export interface NodeWorkerTransportOptions {
  /**
   * The worker's entry file. Default: {@link defaultWorkerEntry}: the bundled worker when this
   * code runs from the CLI bundle, else `src/scraper/worker-main.ts` through tsx (tests).
   */
  entry?: string
}

/**
 * The worker a Node coordinator forks. From the CLI bundle (`out/cli/*.js`, scripts/build-cli.mjs)
 * it is the bundled `worker-main.cjs` beside this code: plain JavaScript that starts at once. Run
 * from source (tests, `tsx`), it is the TypeScript worker, compiled by tsx on start.
 */
export function defaultWorkerEntry(moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl)
  if (!here.endsWith('.ts')) return join(dirname(here), 'worker-main.cjs')
  return fileURLToPath(new URL('../../scraper/worker-main.ts', moduleUrl))
}

/** Starts the worker as a Node child process with an IPC channel: `serve`, the CLI, tests. */
export function nodeWorkerTransport(
  options: NodeWorkerTransportOptions = {}
): WorkerTransportFactory {
  const entry = options.entry ?? defaultWorkerEntry()
  // A TypeScript entry needs tsx's loader; resolved here so the worker's cwd does not matter.
  const execArgv = entry.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : []
  return ({ env }) => {
    const child = fork(entry, [], { env, execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    const transport: WorkerTransport = {
      get pid() {
        return child.pid
      },
      send: (message) => {
        if (child.connected) child.send(message)
      },
      onMessage: (listener) => child.on('message', listener),
      onOutput: (listener) => {
        for (const stream of ['stdout', 'stderr'] as const) {
          const source = child[stream]
          if (source)
            createInterface({ input: source }).on('line', (line) => listener(stream, line))
        }
      },
      onExit: (listener) =>
        child.on('exit', (code, signal) =>
          listener({
            code,
            signal,
            reason: signal
              ? `killed by ${signal}`
              : code === 0
                ? 'exited'
                : `exited with code ${code}`
          })
        ),
      kill: () => void child.kill('SIGKILL')
    }
    // A spawn failure (missing entry, EMFILE) arrives as 'error' and, without a listener, throws.
    child.on('error', (error) => process.stderr.write(`Worker process error: ${error.message}\n`))
    return transport
  }
}
