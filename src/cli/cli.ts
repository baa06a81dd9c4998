/**
 * `npm run cli -- <command>`: the terminal face of Brand Scraper. Mirrors the original worker's
 * modes, manages brands and exports products. With `npm run --silent cli -- …` only the command's
 * own output reaches stdout; logs and progress go to stderr, except for `worker`, whose log is
 * its output.
 */
import { StoreError } from '../store/store-error'
import type { CommandRunner } from './command-runner'
import { UsageError } from './usage-error'
import { brandsCommand } from './commands/brands-command'
import { extractCommand } from './commands/extract-command'
import { productsCommand } from './commands/products-command'
import { serveCommand } from './commands/serve-command'
import { statusCommand } from './commands/status-command'
import { workerCommand } from './commands/worker-command'

export const usage = `Usage: npm run cli -- <command> [options]

Commands:
  worker --mode once|continuous [--delay SECONDS] [--workers N]
         [--concurrency N] [--min-delay MS] [--max-pages N] [--browser-only]
                                  run the worker in the foreground (Ctrl-C stops it)
  worker [--mode once] --brand NAME
                                  scrape one brand, then exit (1 if another worker has it)
  brands list [--json]            list brands
  brands add NAME URL [--priority N]
  brands remove NAME
  brands import FILE              add or update brands from a JSON or CSV file
  products export [--brand NAME] [--format json|csv] [--out FILE]
  status [--json]                 per brand: counts, last run, next due, worker holding it
  serve [--host 127.0.0.1] [--port 8000] [--worker once|continuous] [--workers N]
        [--delay SECONDS] [--token] [--allowed-host NAME]...
                                  headless coordinator: HTTP API and the UI, and
                                  workers started at launch with --worker/--workers;
                                  beyond loopback it needs a token (printed as a URL)
  extract INPUT... [--url URL] [--render]
                                  extract products from URLs or HTML files, one JSON line each

Every command takes --db FILE (default: BRAND_SCRAPER_DB, else the app's catalog).
BRAND_SCRAPER_HEARTBEAT_MS and BRAND_SCRAPER_LEASE_MS set the workers' heartbeat and lease.`

const commands: Record<string, CommandRunner> = {
  worker: workerCommand,
  brands: brandsCommand,
  products: productsCommand,
  status: statusCommand,
  serve: serveCommand,
  extract: extractCommand
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
  const command = commands[name]
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`)
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
