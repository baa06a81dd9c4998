import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { join } from 'node:path'
import { makeTempDir } from './temp-dir'

/** Debian's redis-server, installed by `.ci/run`. */
export const redisServerBinary = '/usr/bin/redis-server'

/** Why Redis tests cannot run here, or null when they can. */
export function redisUnavailable(): string | null {
  return existsSync(redisServerBinary)
    ? null
    : `${redisServerBinary} is missing (apt-get install redis-server); Redis tests skipped.`
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** `--requirepass`: clients must give it. Default: none. */
  password?: string
  /** A port to listen on (to restart on the same one). Default: a free one. */
  port?: number
  /** The folder for its AOF (to restart with the same data). Default: a new temp folder. */
  dir?: string
  /** TLS only (`--tls-port`, no plain port), with this certificate and key. Default: plain TCP. */
  tls?: { certFile: string; keyFile: string }
}

/** A real redis-server on loopback, its data appended to a file in its own folder. */
export interface RedisServer {
  port: number
  dir: string
  /** `redis://[:password@]127.0.0.1:PORT`, or `rediss://[:password@]localhost:PORT` with TLS. */
  url: string
  /** SIGTERM (Redis writes its AOF and exits); resolves when it has exited. */
  stop(): Promise<void>
  /** Stops it, then starts it again on the same port and folder. */
  restart(): Promise<RedisServer>
  /** Removes its folder (after stop). */
  cleanup(): void
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort())
  const temp = options.dir
    ? { dir: options.dir, cleanup: () => undefined }
    : makeTempDir('brand-scraper-redis-')
  const listen = options.tls
    ? [
        ...['--port', '0', '--tls-port', String(port), '--tls-auth-clients', 'no'],
        ...['--tls-cert-file', options.tls.certFile, '--tls-key-file', options.tls.keyFile]
      ]
    : ['--port', String(port)]
  const args = [
    ...listen,
    '--bind',
    '127.0.0.1',
    '--dir',
    temp.dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--protected-mode',
    'yes',
    '--logfile',
    join(temp.dir, 'redis.log')
  ]
  if (options.password) args.push('--requirepass', options.password)
  const child = spawn(redisServerBinary, args, { stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await waitForPort(port, child)
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : ''
  const server: RedisServer = {
    port,
    dir: temp.dir,
    url: options.tls ? `rediss://${auth}localhost:${port}` : `redis://${auth}127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
    restart: async () => {
      await server.stop()
      return startRedisServer({ ...options, port, dir: temp.dir })
    },
    cleanup: () => temp.cleanup()
  }
  return server
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`)
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket()
      socket.once('connect', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
      socket.connect(port, '127.0.0.1')
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
