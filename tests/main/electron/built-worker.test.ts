import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { nodeWorkerTransport } from '../../../src/main/coordinator/node-worker-transport'
import { sitemapBrandSite } from '../../support/brand-sites'
import { startCoordinator, type CoordinatorHarness } from '../../support/coordinator-harness'
import { startFixtureSite, type FixtureSite } from '../../support/fixture-sites/start-fixture-site'

/**
 * The app forks the worker from electron-vite's bundle (`out/main/chunks/worker-main-*.js`), not
 * from the sources the other tests run. Without the Electron binary the utilityProcess cannot be
 * started here, but the same bundle runs as a Node child process: this proves the bundle is
 * complete (its imports resolve, the protocol matches) and scrapes, so that only the transport
 * differs in the app. `npm test` builds before it runs.
 */
const chunks = join(__dirname, '../../../out/main/chunks')

function builtWorker(): string {
  const file =
    existsSync(chunks) && readdirSync(chunks).find((name) => name.startsWith('worker-main'))
  if (!file) throw new Error(`No built worker in ${chunks}: run \`npx electron-vite build\` first.`)
  return join(chunks, file)
}

let harness: CoordinatorHarness | undefined
let site: FixtureSite | undefined

afterAll(async () => {
  await harness?.close()
  await site?.close()
})

describe('the bundled worker', () => {
  it('scrapes a brand when forked from the build output', async () => {
    const fixture = sitemapBrandSite({ products: 3, prefix: 'Bundled Monitor' })
    site = await startFixtureSite(fixture.routes)
    harness = startCoordinator({ workerTransport: nodeWorkerTransport({ entry: builtWorker() }) })
    harness.coordinator.store.brands.add({ name: 'Bundled Audio', website: site.url })
    harness.coordinator.scrapeBrand('Bundled Audio')
    const status = await harness.coordinator.whenIdle()
    expect(status.last_exit).toMatchObject({ code: 0, crashed: false })
    expect(harness.coordinator.store.products.countForBrand(1).total).toBe(3)
  })
})
