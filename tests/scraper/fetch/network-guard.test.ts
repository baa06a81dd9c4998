import { describe, expect, it } from 'vitest'
import { httpGet } from '../../../src/scraper/fetch/http-get'
import {
  checkUrlAddress,
  checkUrlResolved,
  restrictedAddress,
  type Resolver
} from '../../../src/scraper/fetch/network-guard'
import { startFixtureSite, type FixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'

const sites = useFixtureSites()

async function serve(body: string): Promise<FixtureSite> {
  const site = await startFixtureSite({ '/*': body })
  sites.push(site)
  return site
}

/** Names under `.brand.test` resolve to loopback; anything else must not be looked up at all. */
const loopbackResolver: Resolver = (hostname) => {
  if (hostname.endsWith('.brand.test'))
    return Promise.resolve([{ address: '127.0.0.1', family: 4 }])
  return Promise.reject(new Error(`test resolver asked for ${hostname}`))
}

describe('network guard', () => {
  it('classifies loopback, private, link-local, CGNAT, multicast, unspecified, mapped and ULA addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '::',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      'ff02::1'
    ]) {
      expect(restrictedAddress(address), address).not.toBeNull()
    }
    for (const address of ['93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700::1111']) {
      expect(restrictedAddress(address), address).toBeNull()
    }
  })

  it('refuses IP-literal URLs in restricted ranges on the parsed host, numeric spellings included', () => {
    for (const url of [
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://0x7f000001:8000/api/worker/stop',
      'http://2130706433/',
      'http://127.1/',
      'http://[::1]:8000/',
      'http://[::ffff:127.0.0.1]/',
      'http://[fd00::1]/'
    ]) {
      expect(checkUrlAddress(url, 'https://brand.example/'), url).toMatch(
        /only the brand's own website may be there/
      )
    }
    // The brand's own origin, chosen by the user, may be on loopback; another port may not.
    expect(checkUrlAddress('http://127.0.0.1:8123/p/1', 'http://127.0.0.1:8123/')).toBeNull()
    expect(checkUrlAddress('http://127.0.0.1:8000/', 'http://127.0.0.1:8123/')).toMatch(/loopback/)
    expect(checkUrlAddress('https://93.184.216.34/', null)).toBeNull()
  })

  it('httpGet refuses a restricted IP literal before connecting, and says why', async () => {
    // No connection is attempted: the pre-check answers (no low-level error code), so these
    // addresses never see a packet from the test.
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/', 'http://0x7f000001:9/']) {
      const result = await httpGet(url, { trustedOrigin: 'http://127.0.0.1:1/' })
      expect(result, url).toMatchObject({ kind: 'failure', reason: 'address-refused', code: null })
      expect(result.kind === 'failure' && result.message).toContain('only the brand')
    }
  })

  it('httpGet never reaches another loopback server by redirect, literal or name', async () => {
    const internal = await serve('<p>control API</p>')
    const brand = await startFixtureSite({
      '/': '<p>home</p>',
      '/to-internal': {
        status: 302,
        headers: { location: `${internal.origin}/api/worker/stop` }
      },
      '/to-name': {
        status: 302,
        headers: { location: `http://intranet.brand.test:${new URL(internal.origin).port}/` }
      }
    })
    sites.push(brand)
    const options = { trustedOrigin: brand.url, resolver: loopbackResolver }
    expect(await httpGet(brand.url, options)).toMatchObject({ kind: 'response', status: 200 })
    const literal = await httpGet(`${brand.origin}/to-internal`, options)
    expect(literal).toMatchObject({ kind: 'failure', reason: 'address-refused' })
    expect(literal.kind === 'failure' && literal.message).toContain(
      `${internal.origin}/api/worker/stop leads to 127.0.0.1, a loopback address`
    )
    // A name resolving to loopback is refused at connection time, on the resolved address.
    const named = await httpGet(`${brand.origin}/to-name`, options)
    expect(named).toMatchObject({
      kind: 'failure',
      reason: 'address-refused',
      code: 'ERR_ADDRESS_REFUSED'
    })
    expect(internal.requests).toEqual([])
  })

  it('lets a name resolving to loopback through when it is the brand origin itself', async () => {
    const brand = await serve('<p>home</p>')
    const home = `http://shop.brand.test:${new URL(brand.origin).port}/`
    const result = await httpGet(home, { trustedOrigin: home, resolver: loopbackResolver })
    expect(result).toMatchObject({ kind: 'response', status: 200 })
    expect(await checkUrlResolved(home, null, loopbackResolver)).toMatch(/loopback/)
    expect(await checkUrlResolved(home, home, loopbackResolver)).toBeNull()
  })
})
