import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/**
 * Address ranges a crawl must not reach unless the user chose them as the brand's website: the
 * machine itself, the user's network, the cloud's metadata service and the like.
 */
const ranges: [string, number, 'ipv4' | 'ipv6', string][] = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified address'],
  ['10.0.0.0', 8, 'ipv4', 'a private address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address (this machine)'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address (cloud metadata lives there)'],
  ['172.16.0.0', 12, 'ipv4', 'a private address'],
  ['192.168.0.0', 16, 'ipv4', 'a private address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address (this machine)'],
  ['::ffff:0:0', 96, 'ipv6', 'an IPv4-mapped address'],
  ['64:ff9b::', 96, 'ipv6', 'a NAT64 address'],
  ['fc00::', 7, 'ipv6', 'a unique-local (private) address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address']
]

const lists = ranges.map(([network, prefix, type, words]) => {
  const list = new BlockList()
  list.addSubnet(network, prefix, type)
  return { list, type, words }
})

/**
 * Why `address` (an IP address, no brackets) is off limits, in words, or null for a public
 * address (and for anything that is not an IP address at all).
 */
export function restrictedAddress(address: string): string | null {
  const version = isIP(address)
  if (version === 0) return null
  const type = version === 4 ? 'ipv4' : 'ipv6'
  for (const range of lists) {
    if (range.type === type && range.list.check(address, type)) return range.words
  }
  return null
}

/** `scheme://host:port` of a URL, default ports dropped (WHATWG's origin); null if unparsable. */
function originOf(url: string | URL): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/** Whether `url` is on `trustedOrigin` exactly: same scheme, host and port. */
export function isTrustedOrigin(url: string | URL, trustedOrigin: string | null): boolean {
  if (trustedOrigin == null) return false
  const origin = originOf(url)
  return origin != null && origin !== 'null' && origin === originOf(trustedOrigin)
}

/** The host as an IP address when the URL names one (`[::1]` → `::1`), else null. */
function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  return isIP(host) === 0 ? null : host
}

/** The error a guarded lookup fails with; `code` lets callers tell it from a DNS failure. */
export class AddressRefusedError extends Error {
  readonly code = 'ERR_ADDRESS_REFUSED'
}

function refusal(url: string, address: string, words: string): string {
  return `${url} leads to ${address}, ${words}: only the brand's own website may be there`
}

/**
 * Checks a URL before any connection, on its parsed host (WHATWG parsing has already turned
 * `0x7f000001`, `2130706433` and `127.1` into `127.0.0.1`): the reason to refuse it when the host
 * is a restricted IP address and the URL is not on `trustedOrigin`, else null. Names are checked
 * at connection time by {@link guardedLookup}.
 */
export function checkUrlAddress(url: string | URL, trustedOrigin: string | null): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  const address = literalAddress(parsed)
  if (address == null || isTrustedOrigin(parsed, trustedOrigin)) return null
  const words = restrictedAddress(address)
  return words == null ? null : refusal(parsed.href, address, words)
}

/** Resolves a host name to all its addresses (injectable so tests never query real DNS). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>

/** The system resolver, as `http.request` itself would use it. */
export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses)
    )
  })

/**
 * A `lookup` for `http.request` that resolves the host and refuses (with an
 * {@link AddressRefusedError}) when any of its addresses is restricted, unless the request is on
 * the trusted origin. The socket connects to the address checked here, so a name cannot answer
 * one address to the check and another to the connection (DNS rebinding).
 */
export function guardedLookup(
  url: string,
  trustedOrigin: string | null,
  resolver: Resolver = systemResolver
): LookupFunction {
  const trusted = isTrustedOrigin(url, trustedOrigin)
  return (hostname, options, callback) => {
    const all = (options as { all?: boolean }).all === true
    const family = (options as { family?: number }).family
    resolver(hostname).then(
      (found) => {
        const addresses =
          family === 4 || family === 6 ? found.filter((a) => a.family === family) : found
        for (const { address } of trusted ? [] : addresses) {
          const words = restrictedAddress(address)
          if (words != null) {
            callback(new AddressRefusedError(refusal(url, address, words)), '', 4)
            return
          }
        }
        const first = addresses[0]
        if (first == null) {
          const error = Object.assign(new Error(`no address for ${hostname}`), {
            code: 'ENOTFOUND'
          })
          callback(error, '', 4)
        } else if (all) {
          ;(callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
        } else callback(null, first.address, first.family)
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4)
    )
  }
}

/**
 * The reason to refuse `url` (a literal restricted address, or a name resolving to one), or null.
 * For requests made where the connection cannot be watched (the browser): the check resolves the
 * name itself.
 */
export async function checkUrlResolved(
  url: string,
  trustedOrigin: string | null,
  resolver: Resolver = systemResolver
): Promise<string | null> {
  const literal = checkUrlAddress(url, trustedOrigin)
  if (literal != null) return literal
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (literalAddress(parsed) != null || isTrustedOrigin(parsed, trustedOrigin)) return null
  if (
    parsed.protocol !== 'http:' &&
    parsed.protocol !== 'https:' &&
    parsed.protocol !== 'ws:' &&
    parsed.protocol !== 'wss:'
  ) {
    return null
  }
  let addresses: LookupAddress[]
  try {
    addresses = await resolver(parsed.hostname)
  } catch {
    return null // Unresolvable: the request fails by itself.
  }
  for (const { address } of addresses) {
    const words = restrictedAddress(address)
    if (words != null) return refusal(parsed.href, address, words)
  }
  return null
}
