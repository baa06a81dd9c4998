import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'

/** The hostnames every server answers to: it is always reachable over loopback. */
const loopbackNames = ['127.0.0.1', 'localhost', '::1']

/** Whether `host` (a listen address or a hostname) only reaches this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (name === 'localhost' || name.endsWith('.localhost') || name === '::1') return true
  const v4 = name.replace(/^::ffff:/, '')
  return isIP(v4) === 4 && v4.startsWith('127.')
}

/** Whether `host` is a listen address meaning every interface. */
export function isWildcardHost(host: string): boolean {
  return ['0.0.0.0', '::', '[::]', ''].includes(host)
}

/** This machine's own interface addresses, lower-case. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((address) => (address ? [address.address.toLowerCase()] : []))
}

/**
 * The Host names a server listening on `listenHost` answers to: the loopback names, the listen
 * address itself (every interface address of this machine for `0.0.0.0` / `::`, since a client
 * naming an IP literal cannot be a DNS rebinding), and `extra` (`--allowed-host`).
 */
export function allowedHostNames(listenHost: string, extra: readonly string[] = []): Set<string> {
  const names = [...loopbackNames, ...extra]
  if (isWildcardHost(listenHost)) names.push(...interfaceAddresses())
  else names.push(listenHost)
  return new Set(names.map((name) => name.replace(/^\[|\]$/g, '').toLowerCase()))
}

/**
 * A host a user can type to reach a server listening on `listenHost`: the first allowed name
 * given, else the listen address, else (every interface) this machine's first LAN IPv4 address.
 */
export function openableHost(listenHost: string, extra: readonly string[] = []): string {
  if (extra[0]) return extra[0]
  if (!isWildcardHost(listenHost)) return listenHost.includes(':') ? `[${listenHost}]` : listenHost
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)
  return lan?.address ?? '127.0.0.1'
}
