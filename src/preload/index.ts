import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { ApiResult } from '../shared/api-error'
import {
  createIpcApi,
  type IpcBridgeSpec,
  type IpcInvoke,
  type IpcSubscribe
} from './create-ipc-api'

/**
 * The preload of the app's window: exposes `window.api` (named methods grouped by domain, as the
 * contract declares them) and never `ipcRenderer` itself.
 */

/** Computed from the contract at build time; see electron.vite.config.ts. */
declare const __API_IPC_BRIDGE__: IpcBridgeSpec

const invoke: IpcInvoke = (channel, request) =>
  ipcRenderer.invoke(channel, request) as Promise<ApiResult<unknown>>

const subscribe: IpcSubscribe = (channel, listener) => {
  // Only the payload crosses into the page: the IPC event object carries the sender.
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload)
  ipcRenderer.on(channel, wrapped)
  return () => {
    ipcRenderer.removeListener(channel, wrapped)
  }
}

contextBridge.exposeInMainWorld('api', createIpcApi(__API_IPC_BRIDGE__, invoke, subscribe))
