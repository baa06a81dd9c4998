import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startCli, type StartedCli } from '../../support/run-cli'
import { makeTempDir } from '../../support/temp-dir'

const temp = makeTempDir()
const started: StartedCli[] = []

afterAll(async () => {
  for (const cli of started) {
    if (cli.child.exitCode === null) cli.child.kill('SIGTERM')
    await cli.done
  }
  temp.cleanup()
})

/** Every file under `dir` (the catalog, its log file…) but the token file itself, as text. */
function everythingBut(dir: string, skip: string): string {
  return readdirSync(dir)
    .filter((name) => name !== skip)
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n')
}

describe('serve beyond loopback', () => {
  it('requires a token kept beside the catalog (0600), printed once as the URL to open', async () => {
    const dir = join(temp.dir, 'exposed')
    mkdirSync(dir)
    // Bound to every interface, but this test only ever connects over 127.0.0.1.
    const serve = startCli(['serve', '--host', '0.0.0.0', '--port', '0', '--db', join(dir, 'c.db')])
    started.push(serve)
    const port = (await serve.waitForStdout(/serving http:\/\/0\.0\.0\.0:(\d+)/, 120_000))[1]!
    const token = (await serve.waitForStdout(/Open http:\/\/\S+:\d+\/\?token=([\w-]+)/))[1]!
    const tokenFile = join(dir, 'serve-token')
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(token)
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600)

    const base = `http://127.0.0.1:${port}`
    expect((await fetch(`${base}/api/worker/status`)).status).toBe(401)
    const withToken = await fetch(`${base}/api/worker/status`, {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(withToken.status).toBe(200)

    serve.child.kill('SIGTERM')
    const result = await serve.done
    expect(result.code).toBe(0)
    const output = result.stdout + result.stderr
    expect(output.split(token)).toHaveLength(2)
    expect(output).not.toMatch(/no authentication/)
    expect(everythingBut(dir, 'serve-token')).not.toContain(token)
  }, 180_000)

  it('needs no token on loopback unless --token asks for one', async () => {
    const dir = join(temp.dir, 'loopback')
    mkdirSync(dir)
    const open = startCli(['serve', '--port', '0', '--db', join(dir, 'c.db')])
    started.push(open)
    const openUrl = (await open.waitForStdout(/serving (http:\/\/127\.0\.0\.1:\d+)/, 120_000))[1]!
    expect((await fetch(`${openUrl}/api/worker/status`)).status).toBe(200)
    open.child.kill('SIGTERM')
    expect((await open.done).stdout).not.toMatch(/token=/)

    const guarded = startCli(['serve', '--token', '--port', '0', '--db', join(dir, 'c.db')])
    started.push(guarded)
    const url = (await guarded.waitForStdout(/serving (http:\/\/127\.0\.0\.1:\d+)/, 120_000))[1]!
    const token = (await guarded.waitForStdout(/\?token=([\w-]+)/))[1]!
    expect((await fetch(`${url}/api/worker/status`)).status).toBe(401)
    const link = await fetch(`${url}/?token=${token}`, { redirect: 'manual' })
    expect(link.status).toBe(303)
    guarded.child.kill('SIGTERM')
    await guarded.done
  }, 180_000)
})
