import type { Api } from '../../../shared/api-contract'
import { createHttpApi } from './http-api'

/**
 * The API the app runs on: the preload's `window.api` in Electron, the headless server's HTTP
 * API when the same page is opened in a browser.
 */
export function resolveApi(): Api {
  return window.api ?? createHttpApi()
}
