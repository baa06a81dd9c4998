/**
 * `brand-scraper <command>` (`npx brand-scraper`, `npm run cli -- <command>`; both run the bundle
 * that bin/brand-scraper.mjs builds): the terminal face of Brand Scraper. Mirrors the original
 * worker's modes, manages brands and exports products. With `npm run --silent cli -- …` only the
 * command's own output reaches stdout; logs and progress go to stderr, except for `worker`, whose
 * log is its output.
 */
import { StoreError } from '../store/store-error'
import type { CommandRunner } from './command-runner'
import { UsageError } from './usage-error'

export const usage = `Usage: npm run cli -- <command> [options]
   or: npx brand-scraper <command> [options]

Commands:
  worker --mode once|continuous [--delay SECONDS] [--workers N]
         [--concurrency N] [--min-delay MS] [--max-pages N] [--browser-only]
                                  run the worker in the foreground (Ctrl-C stops it)
  worker [--mode once] --brand NAME
                                  scrape one brand, then exit (1 if another worker has it)
  worker --queue redis://[:PASSWORD@]HOST:PORT [--concurrency-brands N]
                                  remote worker: takes jobs from that Redis (rediss:// for
                                  TLS), no catalog needed; N brands at once (default 1)
  brands list [--json]            list brands
  brands add NAME URL [--priority N]
  brands remove NAME
  brands import FILE              add or update brands from a JSON or CSV file
  products export [--brand NAME] [--format json|csv] [--out FILE]
  status [--json]                 per brand: counts, last run, next due, worker holding it
  serve [--host 127.0.0.1] [--port 8000] [--worker once|continuous] [--workers N]
        [--delay SECONDS] [--token] [--allowed-host NAME]...
        [--queue redis://[:PASSWORD@]HOST:PORT]
                                  headless coordinator: HTTP API and the UI, and
                                  workers started at launch with --worker/--workers;
                                  beyond loopback it needs a token (printed as a URL);
                                  --queue puts scrape jobs on Redis for remote workers
  extract INPUT... [--url URL] [--render]
                                  extract products from URLs or HTML files, one JSON line each

Every command takes --db FILE (default: BRAND_SCRAPER_DB, else the app's catalog).
BRAND_SCRAPER_HEARTBEAT_MS and BRAND_SCRAPER_LEASE_MS set the workers' heartbeat and lease;
BRAND_SCRAPER_QUEUE_LOCK_MS how soon a dead remote worker's job is taken over (30000).`

/**
 * Each command's module, imported only when it runs: `brands list` loads the catalog and nothing
 * else (no scraper, Playwright, extractors, coordinator or HTTP server), which keeps a short
 * command close to Node's own start-up time. The bundle gives each its own chunk.
 */
const commands: Record<string, () => Promise<CommandRunner>> = {
  worker: async () => (await import('./commands/worker-command')).workerCommand,
  brands: async () => (await import('./commands/brands-command')).brandsCommand,
  products: async () => (await import('./commands/products-command')).productsCommand,
  status: async () => (await import('./commands/status-command')).statusCommand,
  serve: async () => (await import('./commands/serve-command')).serveCommand,
  extract: async () => (await import('./commands/extract-command')).extractCommand
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name) {
    process.stderr.write(`brand-scraper: no command given.\n${usage}\n`)
    return 2
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`)
    return 0
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined
  try {
    if (!load) throw new UsageError(`unknown command "${name}"`)
    const command = await load()
    return await command(rest)
  } catch (error) {
    if (error instanceof UsageError || error instanceof StoreError) {
      process.stderr.write(`brand-scraper: ${error.message} (see \`npm run cli -- help\`)\n`)
      return 2
    }
    process.stderr.write(`brand-scraper: ${(error as Error).message}\n`)
    return 1
  }
}
