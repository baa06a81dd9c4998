import { fork } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { WorkerTransport, WorkerTransportFactory } from './worker-transport'

/** Options of {@link nodeWorkerTransport}. */
export interface NodeWorkerTransportOptions {
  /**
   * The worker's entry file. Default: `src/scraper/worker-main.ts` beside this source, run through
   * tsx (the CLI and `serve` run from source).
   */
  entry?: string
}

/** Starts the worker as a Node child process with an IPC channel: `serve`, the CLI, tests. */
export function nodeWorkerTransport(
  options: NodeWorkerTransportOptions = {}
): WorkerTransportFactory {
  const entry =
    options.entry ?? fileURLToPath(new URL('../../scraper/worker-main.ts', import.meta.url))
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
