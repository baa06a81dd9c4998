import { describe, expect, it } from 'vitest'
import { isSameSite, registrableDomain } from '../../../src/scraper/url/same-site'

describe('isSameSite', () => {
  it('treats www. and the bare name, and subdomains, as one site, and other hosts or ports not', () => {
    expect(isSameSite('https://www.krk.com/a', 'http://krk.com/')).toBe(true)
    expect(isSameSite('https://shop.brand.co.uk/', 'https://www.brand.co.uk/')).toBe(true)
    expect(isSameSite('https://brand.co.uk/', 'https://other.co.uk/')).toBe(false)
    expect(isSameSite('https://cdn.krk-music.com/', 'https://krk.com/')).toBe(false)
    expect(isSameSite('http://127.0.0.1:8080/', 'http://127.0.0.1:9090/')).toBe(false)
    expect(isSameSite('http://localhost:8080/', 'http://127.0.0.1:8080/')).toBe(false)
    expect(registrableDomain('a.b.example.com.au')).toBe('example.com.au')
  })
})
