/**
 * Serves the benchmark's fixture brand site from its own process, so that serving pages does not
 * compete with the coordinator's event loop whose latency the benchmark measures.
 */
import { sitemapBrandSite } from '../tests/support/brand-sites'
import { startFixtureSite } from '../tests/support/fixture-sites/start-fixture-site'

const products = Number(process.argv[2] ?? 300)
const site = await startFixtureSite(sitemapBrandSite({ products, prefix: 'Bench Monitor' }).routes)
process.send?.({ url: site.url })
process.on('disconnect', () => void site.close().then(() => process.exit(0)))
