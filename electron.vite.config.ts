import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import type { IpcBridgeSpec } from './src/preload/create-ipc-api'
import { apiEventNames, listApiMethods } from './src/shared/api-contract'
import { metaContentSecurityPolicy } from './src/shared/content-security-policy'
import { ipcChannel, ipcEventChannel } from './src/shared/ipc-channels'

/**
 * Writes the policy into `index.html`'s meta tag, so a page served without the header (a file
 * opened by hand) is held to it too. Only `electron-vite dev` relaxes it, for Vite's dev server.
 */
function cspMetaPlugin(): Plugin {
  let serving = false
  return {
    name: 'brand-scraper:csp-meta',
    configResolved(config) {
      serving = config.command === 'serve'
    },
    transformIndexHtml(html) {
      const policy = metaContentSecurityPolicy({ devServer: serving })
      return html.replace('__CONTENT_SECURITY_POLICY__', policy)
    }
  }
}

/**
 * The preload only needs the contract's method names and channels. They are computed here, at
 * build time, so the sandboxed preload bundle carries neither zod nor the schemas.
 */
const apiIpcBridge: IpcBridgeSpec = {
  methods: listApiMethods().map(([domain, name]) => [domain, name, ipcChannel(domain, name)]),
  events: apiEventNames.map((event) => [event, ipcEventChannel(event)])
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        // package.json's "main" is out/main/index.js.
        input: { index: resolve(import.meta.dirname, 'src/main/electron/main.ts') }
      }
    }
  },
  preload: {
    define: { __API_IPC_BRIDGE__: JSON.stringify(apiIpcBridge) },
    build: {
      // A sandboxed preload cannot load ES modules nor require anything but a few built-ins:
      // one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') }
      }
    },
    plugins: [react(), cspMetaPlugin()]
  }
})
