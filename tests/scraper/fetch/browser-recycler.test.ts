import { describe, expect, it } from 'vitest'
import { createBrowserProvider } from '../../../src/scraper/fetch/browser-provider'
import { createBrowserRecycler } from '../../../src/scraper/fetch/browser-recycler'
import { createBrowserRenderer } from '../../../src/scraper/fetch/browser-renderer'
import { startFixtureSite } from '../../support/fixture-sites'
import { useFixtureSites } from '../../support/use-fixture-sites'
import { browserPid } from '../../support/browser-test-setup'

const sites = useFixtureSites()

describe('createBrowserRecycler', () => {
  it('lets the pages in flight finish, then closes the browser, then lets waiting pages go', async () => {
    const events: string[] = []
    const recycler = createBrowserRecycler({
      recycleAfterPages: 1,
      closeBrowser: () => {
        events.push('browser closed')
        return Promise.resolve()
      },
      onRecycle: (message) => events.push(message)
    })
    const first = await recycler.enter()
    const second = await recycler.enter()
    first()
    // Due now: a new page waits for the recycle, which waits for the second page.
    const third = recycler.enter().then((done) => {
      events.push('third page started')
      return done
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(events).toEqual([])
    second()
    ;(await third)(false)
    expect(events).toEqual([
      'Restarting the browser after 1 page, once its open pages finished',
      'browser closed',
      'third page started'
    ])
  })

  it('measures memory every few pages and recycles only over the budget', async () => {
    const measured: number[] = []
    let bytes = 100 * 1024 ** 2
    const messages: string[] = []
    const recycler = createBrowserRecycler({
      memoryBudgetBytes: 150 * 1024 ** 2,
      memoryCheckEveryPages: 2,
      measureMemory: () => {
        measured.push(bytes)
        return bytes
      },
      closeBrowser: () => Promise.resolve(),
      onRecycle: (message) => messages.push(message)
    })
    for (let page = 0; page < 4; page++) (await recycler.enter())()
    expect(measured).toHaveLength(2)
    expect(messages).toEqual([])
    bytes = 200 * 1024 ** 2
    for (let page = 0; page < 2; page++) (await recycler.enter())()
    expect(messages).toEqual([
      'Restarting the browser holding 200 MiB, over its 150 MiB budget, once its open pages finished'
    ])
  })
})

describe('createBrowserProvider over a memory budget', () => {
  it('relaunches Chromium when all its processes hold more than the budget', async () => {
    const site = await startFixtureSite({ '/p/*': '<html><body><p>page</p></body></html>' })
    sites.push(site)
    const pids: Array<Promise<number>> = []
    const recycles: string[] = []
    const provider = createBrowserProvider({
      // Any Chromium holds more than 1 MiB: measured (for real) after every page, it is over.
      memoryBudgetBytes: 1024 ** 2,
      memoryCheckEveryPages: 1,
      onLaunch: (_location, browser) => pids.push(browserPid(browser)),
      onRecycle: (message) => recycles.push(message),
      onSandboxOff: () => undefined
    })
    const renderer = createBrowserRenderer({ provider })
    try {
      const first = await renderer.render(`${site.origin}/p/1`)
      const second = await renderer.render(`${site.origin}/p/2`)
      expect([first.kind, second.kind]).toEqual(['rendered', 'rendered'])
    } finally {
      await renderer.close()
      await provider.close()
    }
    const seen = await Promise.all(pids)
    expect(new Set(seen).size).toBe(2)
    expect(recycles[0]).toMatch(
      /^Restarting the browser holding \d+ MiB, over its 1 MiB budget, once its open pages finished$/
    )
  })
})
