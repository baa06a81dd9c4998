import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { Coordinator } from '../coordinator/coordinator'
import { handleApiCall } from '../coordinator/handle-api-call'
import { apiEventNames, listApiMethods, type ApiEvents } from '../../shared/api-contract'
import { ipcChannel, ipcEventChannel } from '../../shared/ipc-channels'
import type { ApiResult } from '../../shared/api-error'
import { isAppUrl } from './is-app-url'

/** What {@link wireApiIpc} connects. */
export interface ApiIpcOptions {
  coordinator: Coordinator
  /** The app's window; only its main frame may call the API. */
  getWindow: () => BrowserWindow | null
  /** The URL the window loads: the built index.html, or the dev server's page. */
  appUrl: string
}

/**
 * Serves every contract method on its IPC channel and forwards the coordinator's events to the
 * window. Returns the function that undoes both.
 */
export function wireApiIpc(options: ApiIpcOptions): () => void {
  const { coordinator, getWindow, appUrl } = options
  const channels: string[] = []
  for (const [domain, name] of listApiMethods()) {
    const channel = ipcChannel(domain, name)
    channels.push(channel)
    ipcMain.handle(channel, async (event, request: unknown): Promise<ApiResult<unknown>> => {
      // A compromised or navigated frame must not drive the scraper: only our window's main
      // frame, showing our own page, is answered.
      if (!isTrustedSender(event, getWindow(), appUrl)) {
        return {
          ok: false,
          error: { code: 'bad_request', message: 'This page is not allowed to use the API.' }
        }
      }
      return handleApiCall(coordinator.handlers, domain, name, request)
    })
  }
  const unsubscribe = coordinator.subscribe(
    <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => {
      const window = getWindow()
      if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return
      if (!(apiEventNames as readonly string[]).includes(event)) return
      window.webContents.send(ipcEventChannel(event), payload)
    }
  )
  return () => {
    unsubscribe()
    for (const channel of channels) ipcMain.removeHandler(channel)
  }
}

function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | null,
  appUrl: string
): boolean {
  const frame = event.senderFrame
  if (!frame || !window || window.isDestroyed()) return false
  if (event.sender !== window.webContents) return false
  if (frame !== window.webContents.mainFrame) return false
  return isAppUrl(frame.url, appUrl)
}
