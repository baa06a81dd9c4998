/**
 * The renderer's content security policy, written once: the Electron session sends it as a
 * header, the headless server sends it with the UI, and the build writes it into `index.html`'s
 * meta tag. No inline script, no eval, no inline `<style>` element. Product photos come from the
 * brands' own sites, so images may be remote.
 *
 * `blob:` is not needed: exports are saved through an object URL on an `<a download>` link (see
 * the renderer's download-file.ts), a download no fetch directive governs, and no image is ever
 * shown from a blob.
 */
const directives: ReadonlyArray<readonly [name: string, sources: string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: https: http:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"]
]

/** The policy as a response header sends it. */
export const contentSecurityPolicy = directives
  .map(([name, sources]) => `${name} ${sources}`)
  .join('; ')

/** Options of {@link metaContentSecurityPolicy}. */
export interface MetaPolicyOptions {
  /**
   * Relax the policy for Vite's dev server, which injects an inline module script (React Fast
   * Refresh's preamble), inline styles, and talks to its client over a WebSocket. Default: false.
   */
  devServer?: boolean
}

/**
 * The policy as `index.html`'s meta tag carries it, so a page opened without the header (a file
 * opened by hand) is held to it too. A meta-delivered policy ignores `frame-ancestors` (and
 * Chromium warns about it), so it is left out.
 */
export function metaContentSecurityPolicy(options: MetaPolicyOptions = {}): string {
  const extra: Record<string, string> = options.devServer
    ? {
        'script-src': " 'unsafe-inline'",
        'style-src': " 'unsafe-inline'",
        'connect-src': ' ws://localhost:* http://localhost:*'
      }
    : {}
  return directives
    .filter(([name]) => name !== 'frame-ancestors')
    .map(([name, sources]) => `${name} ${sources}${extra[name] ?? ''}`)
    .join('; ')
}

/**
 * The API docs' policy (`/docs`, served by the headless server): the renderer's, except that
 * images come only from the server itself and `data:` URLs (Swagger UI's icons), never from
 * another origin. No inline script and no eval: Swagger UI is started from a served file.
 */
export const docsContentSecurityPolicy = directives
  .map(([name, sources]) => `${name} ${name === 'img-src' ? "'self' data:" : sources}`)
  .join('; ')
