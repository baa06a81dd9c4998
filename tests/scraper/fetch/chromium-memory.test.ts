import { describe, expect, it } from 'vitest'
import { createBrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import { chromiumMemoryBytes, memoryBudgetCheck } from '../../../src/scraper/fetch/chromium-memory'

describe('chromiumMemoryBytes', () => {
  it('counts the Chromium this process started, and nothing once it is closed', async () => {
    const provider = createBrowserProvider()
    const browser = await provider.get()
    const context = await browser.newContext()
    await (await context.newPage()).goto('about:blank')
    const running = chromiumMemoryBytes()
    await provider.close()
    expect(running).toBeGreaterThan(10 * 1024 * 1024)
    for (let i = 0; i < 100 && chromiumMemoryBytes() > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(chromiumMemoryBytes()).toBe(0)
  })
})

describe('memoryBudgetCheck', () => {
  it('measures every few pages and asks for a recycle only when over budget', () => {
    const readings = [100, 300, 50]
    const over: number[] = []
    const check = memoryBudgetCheck({
      budgetBytes: 200,
      everyPages: 2,
      measure: () => readings.shift() ?? 0,
      onOver: (bytes) => over.push(bytes)
    })
    expect([check(), check(), check(), check(), check(), check()]).toEqual([
      false,
      false,
      false,
      true,
      false,
      false
    ])
    expect(over).toEqual([300])
    expect(readings).toEqual([])
  })
})
