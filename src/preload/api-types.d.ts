import type { Api } from '../shared/api-contract'

declare global {
  interface Window {
    /**
     * The app's API, exposed by the preload in Electron. Absent in a browser, where the renderer
     * talks to the headless server over HTTP and Server-Sent Events instead.
     */
    api?: Api
  }
}

export {}
