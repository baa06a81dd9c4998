import { mkdirSync, mkdtempSync, existsSync, rmSync, symlinkSync, utimesSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { cleanStaleProfiles } from '../../../src/scraper/fetch/stale-profiles'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function profile(root: string, name: string, lockPid: number | null): string {
  const folder = join(root, `playwright_chromiumdev_profile-${name}`)
  mkdirSync(join(folder, 'Default'), { recursive: true })
  if (lockPid != null) symlinkSync(`${hostname()}-${lockPid}`, join(folder, 'SingletonLock'))
  return folder
}

describe('cleanStaleProfiles', () => {
  it('removes the profiles of browsers that are gone and keeps those still running', () => {
    const root = mkdtempSync(join(tmpdir(), 'profiles-'))
    dirs.push(root)
    // A pid that surely is dead: a process that ran and exited.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid ?? 999_999
    const killed = profile(root, 'killed', deadPid)
    const running = profile(root, 'running', process.pid)
    const starting = profile(root, 'starting', null)
    const abandoned = profile(root, 'abandoned', null)
    const old = (Date.now() - 3_600_000) / 1000
    utimesSync(abandoned, old, old)
    const other = join(root, 'someone-elses-folder')
    mkdirSync(other)

    const removed = cleanStaleProfiles(root)
    expect(removed.sort()).toEqual([abandoned, killed].sort())
    expect(existsSync(killed)).toBe(false)
    expect(existsSync(abandoned)).toBe(false)
    expect(existsSync(running)).toBe(true)
    expect(existsSync(starting)).toBe(true)
    expect(existsSync(other)).toBe(true)
  })
})
