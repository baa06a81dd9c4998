import type { WorkerMessage } from '../../shared/worker-protocol'

/**
 * The worker's end of the channel to its coordinator: Electron's `process.parentPort` in a
 * utilityProcess, Node's IPC channel in a child process. Nothing else in the worker knows which.
 */
export interface ParentChannel {
  send(message: WorkerMessage): void
  onMessage(listener: (message: unknown) => void): void
  /** Sends a last message, waits until it is on its way, then ends the process with `code`. */
  sendAndExit(message: WorkerMessage, code: number): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as { parentPort?: ElectronParentPort }).parentPort
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      sendAndExit: (message, code) => {
        parentPort.postMessage(message)
        // postMessage has no completion callback; a short wait lets the port flush.
        setTimeout(() => process.exit(code), 50)
      }
    }
  }
  const send = process.send?.bind(process)
  if (send) {
    return {
      send: (message) => void send(message),
      onMessage: (listener) => process.on('message', listener),
      sendAndExit: (message, code) => {
        // Exiting right after send() can drop the message; the callback runs once it is written.
        send(message, undefined, {}, () => process.exit(code))
      }
    }
  }
  throw new Error(
    'The worker must be started by Brand Scraper (as a utilityProcess or a child process with an ' +
      'IPC channel). To scrape from a terminal, run `npm run cli -- worker --mode once`.'
  )
}
