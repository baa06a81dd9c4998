import { describe, expect, it } from 'vitest'
import {
  decideChromiumSandbox,
  machineSandboxFacts,
  type SandboxFacts
} from '../../../src/scraper/fetch/browser-provider'

function facts(
  overrides: Partial<SandboxFacts>,
  settings: Record<string, string> = {}
): SandboxFacts {
  return {
    platform: 'linux',
    uid: 1000,
    readSetting: (path) => settings[path] ?? null,
    ...overrides
  }
}

describe('decideChromiumSandbox', () => {
  it('keeps the sandbox on for a normal user with user namespaces, and off Linux', () => {
    expect(decideChromiumSandbox(facts({}))).toEqual({ sandbox: true, reason: null })
    expect(
      decideChromiumSandbox(facts({}, { '/proc/sys/kernel/unprivileged_userns_clone': '1' }))
    ).toEqual({ sandbox: true, reason: null })
    expect(decideChromiumSandbox(facts({ platform: 'darwin', uid: 0 })).sandbox).toBe(true)
    expect(decideChromiumSandbox(facts({ platform: 'win32', uid: null })).sandbox).toBe(true)
  })

  it('turns it off only as root or without user namespaces, saying why', () => {
    expect(decideChromiumSandbox(facts({ uid: 0 }))).toEqual({
      sandbox: false,
      reason: 'running as root, where Chromium cannot use its sandbox'
    })
    for (const [path, value] of [
      ['/proc/sys/kernel/unprivileged_userns_clone', '0'],
      ['/proc/sys/user/max_user_namespaces', '0'],
      ['/proc/sys/kernel/apparmor_restrict_unprivileged_userns', '1']
    ] as const) {
      const decision = decideChromiumSandbox(facts({}, { [path]: value }))
      expect(decision.sandbox).toBe(false)
      expect(decision.reason).toContain(`user namespaces are unavailable (${path} is ${value})`)
    }
  })

  it('sees this machine as it is (root here: off)', () => {
    const here = machineSandboxFacts()
    if (here.uid === 0) expect(decideChromiumSandbox(here).sandbox).toBe(false)
  })
})
