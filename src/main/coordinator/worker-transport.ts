import type { CoordinatorMessage } from '../../shared/worker-protocol'

/** How a worker process ended, as the transport saw it. */
export interface WorkerProcessExit {
  code: number | null
  signal: string | null
  /** Electron's `child-process-gone` reason (`crashed`, `oom`, `killed`…) or a Node description. */
  reason: string
}

/**
 * One running worker process, whatever hosts it: an Electron utilityProcess in the app, a Node
 * child process under `serve` and the CLI. Only this interface differs between the two; the
 * {@link WorkerHost} wraps it with the whole lifecycle.
 */
export interface WorkerTransport {
  readonly pid: number | undefined
  send(message: CoordinatorMessage): void
  /** Raw messages from the worker; the host validates them. */
  onMessage(listener: (message: unknown) => void): void
  /** Lines the worker wrote to stdout or stderr (a crash's last words end up here). */
  onOutput(listener: (stream: 'stdout' | 'stderr', line: string) => void): void
  onExit(listener: (exit: WorkerProcessExit) => void): void
  /** Ends the process at once (SIGKILL where there are signals). */
  kill(): void
}

/** What a transport is started with. */
export interface WorkerSpawnOptions {
  /** The worker's whole environment: an allow-list built by the host, never `process.env`. */
  env: Record<string, string>
}

/** Starts a worker process. */
export type WorkerTransportFactory = (options: WorkerSpawnOptions) => WorkerTransport
