import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { processAlive } from '../../src/store/process-alive'

describe('processAlive', () => {
  it('sees this process, and not one that has exited', async () => {
    expect(processAlive(process.pid)).toBe(true)
    const child = spawn(process.execPath, ['-e', '0'])
    await once(child, 'exit')
    expect(processAlive(child.pid!)).toBe(false)
  })
})
