import type { Api, ApiEvents } from '../shared/api-contract'
import type { ApiErrorCode, ApiResult } from '../shared/api-error'

/**
 * The IPC side of the contract the preload needs: method and event channels. It is computed from
 * the contract at build time (electron.vite.config.ts), so the sandboxed preload bundle carries
 * neither zod nor the schemas.
 */
export interface IpcBridgeSpec {
  /** `[domain, method, channel]` of every contract method. */
  methods: ReadonlyArray<readonly [string, string, string]>
  /** `[event, channel]` of every pushed event. */
  events: ReadonlyArray<readonly [keyof ApiEvents, string]>
}

/** Sends one request over IPC and resolves with the main process's {@link ApiResult}. */
export type IpcInvoke = (channel: string, request: unknown) => Promise<ApiResult<unknown>>

/** Listens to one IPC channel; returns the function that stops listening. */
export type IpcSubscribe = (channel: string, listener: (payload: unknown) => void) => () => void

/**
 * The error a `window.api` method rejects with. The context bridge copies only an error's
 * message into the page (custom fields are dropped), so the code also leads the message as
 * `[code] `; the renderer's `toApiError` reads it back.
 */
export class IpcApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string
  ) {
    super(`[${code}] ${message}`)
    this.name = 'ApiError'
  }
}

/**
 * Builds the {@link Api} over IPC: one method per contract method, grouped by domain, each
 * invoking its channel and unwrapping the result, plus `on(event, listener)`. The page gets plain
 * functions and cannot reach `ipcRenderer`.
 */
export function createIpcApi(spec: IpcBridgeSpec, invoke: IpcInvoke, subscribe: IpcSubscribe): Api {
  const domains: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const [domain, name, channel] of spec.methods) {
    const methods = (domains[domain] ??= {})
    methods[name] = async (request?: unknown): Promise<unknown> => {
      const result = await invoke(channel, request ?? {})
      if (result.ok) return result.value
      throw new IpcApiError(result.error.code, result.error.message)
    }
  }
  const eventChannels = new Map(spec.events)
  const on = <E extends keyof ApiEvents>(
    event: E,
    listener: (payload: ApiEvents[E]) => void
  ): (() => void) => {
    const channel = eventChannels.get(event)
    if (!channel) throw new Error(`Unknown event "${String(event)}"`)
    return subscribe(channel, (payload) => listener(payload as ApiEvents[E]))
  }
  return { ...domains, on } as unknown as Api
}
