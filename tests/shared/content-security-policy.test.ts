import { describe, expect, it } from 'vitest'
import {
  contentSecurityPolicy,
  metaContentSecurityPolicy
} from '../../src/shared/content-security-policy'

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ')
      return [name!, sources.join(' ')]
    })
  )
}

describe('the content security policy', () => {
  it('allows only the app itself to run code and style, and nothing to frame it', () => {
    const policy = directives(contentSecurityPolicy)
    expect(policy.get('default-src')).toBe("'self'")
    expect(policy.get('script-src')).toBe("'self'")
    expect(policy.get('style-src')).toBe("'self'")
    expect(policy.get('connect-src')).toBe("'self'")
    expect(policy.get('object-src')).toBe("'none'")
    expect(policy.get('frame-ancestors')).toBe("'none'")
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|blob:/)
  })

  it('lets product photos come from the brands sites', () => {
    expect(directives(contentSecurityPolicy).get('img-src')).toBe("'self' data: https: http:")
  })

  it('is the same in the meta tag, less frame-ancestors, which a meta tag cannot carry', () => {
    const meta = metaContentSecurityPolicy()
    expect(meta).toBe(contentSecurityPolicy.replace("; frame-ancestors 'none'", ''))
  })

  it('is relaxed only for the dev server: inline preamble, styles and its WebSocket', () => {
    const dev = directives(metaContentSecurityPolicy({ devServer: true }))
    expect(dev.get('script-src')).toBe("'self' 'unsafe-inline'")
    expect(dev.get('style-src')).toBe("'self' 'unsafe-inline'")
    expect(dev.get('connect-src')).toBe("'self' ws://localhost:* http://localhost:*")
    expect(dev.get('object-src')).toBe("'none'")
  })
})
