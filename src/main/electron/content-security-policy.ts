/**
 * The content security policy of the renderer in production, sent as a response header by the
 * Electron session and repeated in `index.html`'s meta tag: no inline script, no eval, no inline
 * `<style>` element. Product photos come from the brands' own sites, so images may be remote.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https: http:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
