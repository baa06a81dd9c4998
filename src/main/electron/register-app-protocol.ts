import { protocol } from 'electron'
import { appScheme, handleAppRequest } from './app-protocol'

/**
 * Declares `app:` a standard, secure scheme (its pages get an origin, `'self'` in the policy and
 * fetch work as on https). Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves `app://bundle/…` from the built renderer folder (see `handleAppRequest`). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(appScheme, (request) => handleAppRequest(request, rendererDir))
}
