import { execFileSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'

/** A self-signed certificate for 127.0.0.1 and localhost, made by a test. */
export interface TestCertificate {
  certFile: string
  keyFile: string
  /** Base64 SHA-256 of the public key (SPKI), as Chromium's `--ignore-certificate-errors-spki-list` takes it. */
  spkiSha256: string
}

/** Makes a one-day self-signed certificate in `dir` with the openssl CLI (Debian has it). */
export function makeTestCertificate(dir: string): TestCertificate {
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-keyout', keyFile, '-out', certFile, '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']
    ],
    { stdio: 'ignore' }
  )
  const spki = new X509Certificate(readFileSync(certFile)).publicKey.export({
    type: 'spki',
    format: 'der'
  })
  return { certFile, keyFile, spkiSha256: createHash('sha256').update(spki).digest('base64') }
}

/** A response streamed in chunks: `bytes` of `fill`, without a Content-Length unless `declare`. */
export interface StreamedRoute {
  streamBytes: number
  contentType: string
  /** Send a Content-Length header. Default: false (chunked). */
  declare?: boolean
  /** What the stream repeats. Default: 'x'. */
  fill?: string
  /** Sent first, counted in `streamBytes` (an opening tag). Default: none. */
  prefix?: string
}

/** An HTML string (200), or a streamed body. `{{origin}}` in a string becomes the site's origin. */
export type HttpsRoute = string | StreamedRoute

/** An HTTPS fixture site being served on 127.0.0.1. */
export interface HttpsFixtureSite {
  /** `https://127.0.0.1:PORT/`. */
  url: string
  origin: string
  /** Paths requested, in order. */
  requests: string[]
  /** Bytes written per streamed path, summed over its requests. */
  bytesSent: Map<string, number>
  close(): Promise<void>
}

/** Sends `route.streamBytes` in 64 KB chunks, waiting on backpressure, until done or the client goes. */
function stream(
  route: StreamedRoute,
  write: (chunk: Buffer) => boolean,
  done: () => void,
  drain: (go: () => void) => void
): void {
  const chunk = Buffer.alloc(64 * 1024, route.fill ?? 'x')
  const prefix = Buffer.from(route.prefix ?? '')
  write(prefix)
  let left = route.streamBytes - prefix.length
  const pump = (): void => {
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left)
      left -= piece.length
      if (!write(piece)) return drain(pump)
    }
    done()
  }
  pump()
}

/** Serves `routes` over HTTPS with the certificate; other paths are 404. */
export async function startHttpsFixtureSite(
  routes: Record<string, HttpsRoute>,
  certificate: TestCertificate
): Promise<HttpsFixtureSite> {
  const requests: string[] = []
  const bytesSent = new Map<string, number>()
  const sockets = new Set<Socket>()
  let origin = ''
  const server = createServer(
    { cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) },
    (request, response) => {
      const path = request.url ?? '/'
      requests.push(path)
      const route = routes[new URL(path, origin).pathname]
      if (route == null) {
        response.writeHead(404, { 'content-type': 'text/html' }).end('<p>not found</p>')
        return
      }
      if (typeof route === 'string') {
        const body = route.replaceAll('{{origin}}', origin)
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
        return
      }
      const headers: Record<string, string | number> = { 'content-type': route.contentType }
      if (route.declare === true) headers['content-length'] = route.streamBytes
      response.writeHead(200, headers)
      stream(
        route,
        (piece) => {
          bytesSent.set(path, (bytesSent.get(path) ?? 0) + piece.length)
          return response.write(piece)
        },
        () => response.end(),
        (go) => {
          if (!response.destroyed) response.once('drain', go)
        }
      )
    }
  )
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `${origin}/`,
    origin,
    requests,
    bytesSent,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
  }
}
