import type { ApiEvents } from './api-contract'

/** The IPC channel of a method: `api:worker.start`. */
export function ipcChannel(domain: string, name: string): string {
  return `api:${domain}.${name}`
}

/** The IPC channel of a pushed event: `event:log`. */
export function ipcEventChannel(event: keyof ApiEvents): string {
  return `event:${event}`
}
