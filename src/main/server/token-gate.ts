import type { IncomingMessage, ServerResponse } from 'node:http'
import { isReadingMethod, refuse, type HttpRefusal } from './request-guards'
import { requestToken, sameToken } from './serve-token'

/** What {@link TokenGate.check} decided. */
export type TokenGateResult =
  { kind: 'admitted' } | { kind: 'answered' } | { kind: 'refused'; refusal: HttpRefusal }

/**
 * Lets through only requests that carry the server's token (see serve-token.ts). Opening the
 * printed link `/?token=TOKEN` trades the token for an HttpOnly, SameSite=Strict cookie and
 * redirects to the page without it, so the UI (its fetches and its event stream, all same-origin)
 * is authenticated without any script ever seeing the token.
 */
export class TokenGate {
  /**
   * @param token the token every request must carry
   * @param cookieName the cookie it is kept in; one name per port, as cookies ignore ports
   */
  constructor(
    private readonly token: string,
    readonly cookieName: string
  ) {}

  /** Admits `request`, answers it (the `?token=` link), or says why it is refused (401). */
  check(request: IncomingMessage, response: ServerResponse, url: URL): TokenGateResult {
    const linkToken = url.searchParams.get('token')
    if (
      linkToken !== null &&
      isReadingMethod(request.method) &&
      !url.pathname.startsWith('/api/')
    ) {
      if (!sameToken(linkToken, this.token)) return { kind: 'refused', refusal: wrongLink() }
      url.searchParams.delete('token')
      response.writeHead(303, {
        'Set-Cookie': `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer'
      })
      response.end()
      return { kind: 'answered' }
    }
    const carried = requestToken(request, this.cookieName)
    if (carried !== undefined && sameToken(carried, this.token)) return { kind: 'admitted' }
    return {
      kind: 'refused',
      refusal: refuse(
        401,
        'unauthorized',
        'This server needs its access token: open the URL that serve printed (…/?token=…), or ' +
          'send the header Authorization: Bearer TOKEN (the token is in the serve-token file ' +
          'beside the catalog).'
      )
    }
  }
}

function wrongLink(): HttpRefusal {
  return refuse(
    401,
    'unauthorized',
    'This link does not carry this server’s token; open the URL that serve printed last.'
  )
}
