import type { ApiEvents } from '../../shared/api-contract'

/** Receives every pushed API event. */
export type ApiEventListener = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => void

/** Fans the coordinator's events out to its subscribers: the IPC bridge, SSE streams, the CLI. */
export class ApiEventBus {
  private readonly listeners = new Set<ApiEventListener>()

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: ApiEventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload)
      } catch {
        // One broken subscriber (a closed SSE socket) must not stop the others.
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }
}
