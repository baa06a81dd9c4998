import type { IncomingMessage, ServerResponse } from 'node:http'
import { apiEventNames, type ApiEvents } from '../../shared/api-contract'
import type { WorkerStatus } from '../../shared/worker-status'
import type { ApiEventListener } from '../coordinator/api-event-bus'

/** What the event stream follows: the coordinator, seen from the stream. */
export interface EventStreamSource {
  readonly status: WorkerStatus
  subscribe(listener: ApiEventListener): () => void
}

/** Options of {@link EventStreams}. */
export interface EventStreamOptions {
  /**
   * How often a comment line is written to a quiet stream: proxies drop quiet connections.
   * Default: 15 000 ms.
   */
  heartbeatMs?: number
  /** How long a browser waits before reconnecting a dropped stream. Default: 2000 ms. */
  retryMs?: number
}

/**
 * The API's pushed events as Server-Sent Events (`GET /api/events`): each stream starts with the
 * current worker status, then carries every contract event as `event: NAME` with a JSON `data`.
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>()

  constructor(
    private readonly source: EventStreamSource,
    private readonly options: EventStreamOptions = {}
  ) {}

  /** Answers `request` with a stream that lasts until the client goes away or {@link closeAll}. */
  serve(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    const send = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void => {
      response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
    }
    response.write(`retry: ${this.options.retryMs ?? 2000}\n\n`)
    send('status', this.source.status)
    const unsubscribe = this.source.subscribe((event, payload) => {
      if ((apiEventNames as readonly string[]).includes(event)) send(event, payload)
    })
    const heartbeat = setInterval(
      () => response.write(': heartbeat\n\n'),
      this.options.heartbeatMs ?? 15_000
    )
    this.open.add(response)
    request.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      this.open.delete(response)
    })
  }

  /** Ends every open stream (the server is closing). */
  closeAll(): void {
    for (const response of this.open) response.end()
  }
}
