import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { startHttpServer } from '../../main/server/http-server'
import { isLoopbackHost, openableHost } from '../../main/server/listen-address'
import { loadServeToken } from '../../main/server/serve-token'
import { resolveDbPath } from '../../store/default-paths'
import { logFileFor, packageRoot, rendererDir } from '../cli-paths'
import { openCoordinator } from '../open-coordinator'
import { parseCommandArgs } from '../parse-command-args'
import { parseDelay, parseWorkerCount } from '../parse-worker-options'
import { UsageError } from '../usage-error'
import type { RedisTarget } from '../../queue/redis-target'

/**
 * `serve [--host 127.0.0.1] [--port 8000] [--token] [--allowed-host NAME]… [--worker
 * once|continuous] [--workers N] [--delay S]`: the headless coordinator, its HTTP control API and
 * the UI, until Ctrl-C or SIGTERM (which stop the workers gracefully first). `--worker` starts a
 * worker at launch (`npm run dev:worker`); `--workers N` starts N sharing the queue (continuous
 * unless `--worker once`). Beyond loopback (or with `--token`) every request needs the token kept
 * in `serve-token` beside the catalog; the URL to open, token included, is printed once.
 *
 * `--queue redis://[:PASSWORD@]HOST:PORT` puts scrape jobs on that Redis for `worker --queue`
 * processes on any machine, and commits what they send back: `--worker` then queues brands.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    args,
    {
      host: { type: 'string' },
      port: { type: 'string' },
      token: { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
      worker: { type: 'string' },
      workers: { type: 'string' },
      delay: { type: 'string' },
      queue: { type: 'string' }
    },
    false
  )
  const port = values.port === undefined ? 8000 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError('--port must be a port number from 0 to 65535')
  }
  const startMode = values.worker ?? (values.workers !== undefined ? 'continuous' : undefined)
  if (startMode !== undefined && startMode !== 'once' && startMode !== 'continuous') {
    throw new UsageError('--worker must be once or continuous')
  }
  const workers = parseWorkerCount(values.workers)
  if (values.queue !== undefined && values.workers !== undefined) {
    throw new UsageError('--workers starts local workers; with --queue, start workers elsewhere')
  }
  const queueTarget = values.queue === undefined ? undefined : await checkQueue(values.queue)
  const delay = parseDelay(values.delay)
  ensureUiBuilt()
  const dbPath = resolveDbPath(values.db)
  const host = values.host ?? '127.0.0.1'
  const allowedHosts = values['allowed-host'] ?? []
  // With a queue, workers run elsewhere: a spare local worker would only hold memory.
  const coordinator = openCoordinator(dbPath, { keepSpare: !queueTarget })
  if (queueTarget) {
    const { QueueMode } = await import('../../main/coordinator/queue-mode')
    coordinator.useQueue((store, hooks) => new QueueMode(store, { ...hooks, target: queueTarget }))
  }
  // Exposed means protected: beyond loopback, the token is not optional.
  const token = values.token || !isLoopbackHost(host) ? loadServeToken(dirname(dbPath)) : undefined
  let server
  try {
    server = await startHttpServer({
      coordinator,
      host,
      port,
      staticDir: rendererDir,
      token: token?.token,
      allowedHosts
    })
  } catch (error) {
    await coordinator.shutdown()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      throw new UsageError(
        `port ${port} is in use; choose another with --port (0 picks a free one)`
      )
    }
    throw error
  }
  process.stdout.write(`Brand Scraper is serving ${server.url}\n`)
  if (token) {
    // The one place the token is shown: never in the log file, never in another message.
    const port = new URL(server.url).port
    process.stdout.write(
      `Open http://${openableHost(host, allowedHosts)}:${port}/?token=${token.token}\n`
    )
    process.stderr.write(
      `Every request needs the access token ${token.created ? 'just generated' : 'kept'} in ` +
        `${token.file} (a link above, or the header Authorization: Bearer TOKEN).\n`
    )
  }
  process.stderr.write(`Catalog: ${dbPath}\nLog file: ${logFileFor(dbPath)}\n`)
  const access = token ? 'with an access token' : 'on loopback, without a token'
  coordinator.log('info', `Serving ${server.url} ${access} (catalog ${dbPath}).`)
  if (startMode) coordinator.start(startMode, delay, workers)

  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      process.stderr.write(`${signal}: stopping the worker and the server…\n`)
      resolve()
    }
    process.once('SIGINT', shutdown)
    process.once('SIGTERM', shutdown)
  })
  await coordinator.shutdown()
  await server.close()
  return 0
}

/** `--queue URL`: parsed, and Redis answering, or a one-line error saying what to do. */
async function checkQueue(url: string): Promise<RedisTarget> {
  const { parseRedisTarget, QueueError } = await import('../../queue/redis-target')
  const { checkRedis } = await import('../../queue/redis-connection')
  let target: RedisTarget
  try {
    target = parseRedisTarget(url)
  } catch (error) {
    if (error instanceof QueueError) throw new UsageError(error.message)
    throw error
  }
  // Redis down or refusing the password: exit code 1 with that one line, not a usage error.
  await checkRedis(target)
  return target
}

/**
 * `serve` hosts the built renderer. A fresh checkout has not built it yet: build it once, so that
 * `npm install && npm run cli -- serve` is all it takes. Where that fails (no dev dependencies),
 * the API still runs and the UI address says how to build it.
 */
function ensureUiBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return
  process.stderr.write('Building the UI once (electron-vite build)…\n')
  try {
    execFileSync(
      process.execPath,
      [join(packageRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
      {
        cwd: packageRoot,
        stdio: ['ignore', 'ignore', 'inherit']
      }
    )
  } catch (error) {
    process.stderr.write(
      `Could not build the UI (${(error as Error).message.split('\n')[0]}); serving the API only. ` +
        'Run `npx electron-vite build`, then restart serve.\n'
    )
  }
}
