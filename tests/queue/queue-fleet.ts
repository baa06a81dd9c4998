import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { CliProcessFleet, type FleetMember } from '../support/cli-process-fleet'
import { repositoryRoot } from '../support/spawn-process'

/** One process of a {@link QueueFleet}. */
export type QueueMember = FleetMember

/**
 * `serve --queue` and `worker --queue` processes, started as a user would on several machines:
 * each worker in its own working directory and home, with no catalog path in its arguments or
 * environment. Kills only what it started.
 */
export class QueueFleet extends CliProcessFleet {
  private workers = 0

  /**
   * @param base a folder for the workers' homes
   * @param env extra environment of every member (heartbeats, lock of a test). Default: none.
   */
  constructor(
    private readonly base: string,
    env: Record<string, string> = {}
  ) {
    super({ ...env, BRAND_SCRAPER_DB: undefined })
  }

  /**
   * `serve --port 0 --queue URL --db DB [...args]` (without `--queue` when `queue` is null);
   * resolves with its address.
   */
  startServe(
    db: string,
    queue: string | null,
    args: string[] = []
  ): Promise<{ member: QueueMember; url: string }> {
    const serve = ['serve', '--port', '0', ...(queue === null ? [] : ['--queue', queue])]
    const member = this.startMember('serve', 'serve', [...serve, '--db', db, ...args], {
      env: { HOME: process.env.HOME ?? repositoryRoot }
    })
    return this.serving(member, 60_000)
  }

  /** `worker --queue URL [...args]` in a fresh working directory and home. */
  startWorker(queue: string, args: string[] = []): QueueMember {
    this.workers++
    const home = join(this.base, `worker-${this.workers}`)
    mkdirSync(home, { recursive: true })
    return this.startMember(
      `worker ${this.workers}`,
      'remote',
      ['worker', '--queue', queue, ...args],
      {
        cwd: home,
        env: { HOME: home }
      }
    )
  }
}
