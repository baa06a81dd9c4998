import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  appIndexUrl,
  handleAppRequest,
  resolveAppFile
} from '../../../src/main/electron/app-protocol'
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy'
import { makeTempDir } from '../../support/temp-dir'

const temp = makeTempDir('brand-scraper-app-protocol-')
const root = join(temp.dir, 'out', 'renderer')
const secret = join(temp.dir, 'secret.txt')

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Brand Scraper</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(secret, 'catalog secrets')
  symlinkSync(secret, join(root, 'assets', 'link.txt'))
})
afterAll(() => temp.cleanup())

const get = (url: string, method = 'GET'): Promise<Response> =>
  handleAppRequest(new Request(url, { method }), root)

describe('resolveAppFile', () => {
  it('maps app://bundle/ paths to files under the renderer folder, / to index.html', () => {
    expect(resolveAppFile(appIndexUrl, root)).toBe(join(root, 'index.html'))
    expect(resolveAppFile('app://bundle/', root)).toBe(join(root, 'index.html'))
    expect(resolveAppFile('app://bundle/assets/index-abc.js?v=1#x', root)).toBe(
      join(root, 'assets', 'index-abc.js')
    )
  })

  it('keeps plain and encoded dot segments at the root, as the URL parser does', () => {
    expect(resolveAppFile('app://bundle/../secret.txt', root)).toBe(join(root, 'secret.txt'))
    expect(resolveAppFile('app://bundle/%2e%2e/%2E%2E/secret.txt', root)).toBe(
      join(root, 'secret.txt')
    )
  })

  it.each([
    'app://bundle/assets/..%2f..%2fsecret.txt',
    'app://bundle/..%5c..%5csecret.txt',
    'app://bundle/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://bundle/index.html%00.js',
    'app://bundle/%E0%A4%A',
    'app://other/index.html',
    'app://user:pw@bundle/index.html',
    'file:///etc/passwd',
    'https://bundle/index.html',
    'not a url'
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull()
  })
})

describe('handleAppRequest', () => {
  it('serves the UI with its content type, the content security policy and nosniff', async () => {
    const page = await get(appIndexUrl)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await page.text()).toContain('Brand Scraper')
    const script = await get('app://bundle/assets/index-abc.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it('refuses path traversal with 403 and never returns the file outside', async () => {
    for (const url of [
      'app://bundle/assets/..%2f..%2fsecret.txt',
      'app://bundle/..%5csecret.txt'
    ]) {
      const response = await get(url)
      expect(response.status).toBe(403)
      expect(await response.text()).not.toContain('catalog secrets')
    }
  })

  it('answers a dot-segment escape from the root with a 404, never the file outside', async () => {
    const response = await get('app://bundle/%2e%2e/%2e%2e/secret.txt')
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('catalog secrets')
  })

  it('refuses a symbolic link leading out of the folder', async () => {
    const response = await get('app://bundle/assets/link.txt')
    expect(response.status).toBe(403)
    expect(await response.text()).not.toContain('catalog secrets')
  })

  it('answers 404 for a missing file or a folder, 405 for other methods', async () => {
    expect((await get('app://bundle/missing.js')).status).toBe(404)
    expect((await get('app://bundle/assets')).status).toBe(404)
    expect((await get(appIndexUrl, 'POST')).status).toBe(405)
    const head = await get(appIndexUrl, 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})
