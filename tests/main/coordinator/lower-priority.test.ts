import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { getPriority } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { lowerPriority } from '../../../src/main/coordinator/lower-priority'

const children: ChildProcess[] = []

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const exited = once(child, 'exit')
    child.kill('SIGKILL')
    await exited
  }
})

describe('lowerPriority', () => {
  it('runs a real process at background priority', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'])
    children.push(child)
    await once(child, 'spawn')
    const before = getPriority(child.pid)
    expect(before).toBeLessThan(10)
    lowerPriority(child.pid)
    expect(getPriority(child.pid)).toBe(10)
  })

  it('does nothing without a pid, and does not throw for a process that is gone', async () => {
    expect(() => lowerPriority(undefined)).not.toThrow()
    const child = spawn(process.execPath, ['-e', '0'])
    await once(child, 'exit')
    expect(() => lowerPriority(child.pid)).not.toThrow()
  })
})
