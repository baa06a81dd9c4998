import { parentPid } from './process-table'
import { CliProcessFleet, type FleetMember } from '../support/cli-process-fleet'

export type { FleetMember }

/**
 * The CLI processes sharing one catalog: `serve` and terminal workers. Knows which of them a
 * worker process belongs to.
 */
export class CliFleet extends CliProcessFleet {
  private terminals = 0

  /**
   * @param db the catalog file every member opens
   * @param env extra environment of every member (heartbeat and lease of a test). Default: none.
   */
  constructor(
    private readonly db: string,
    env: Record<string, string> = {}
  ) {
    super(env)
  }

  /** `worker --mode continuous --delay 0`, as typed in a terminal. */
  startTerminalWorker(extraArgs: string[] = []): FleetMember {
    this.terminals++
    const args = ['worker', '--mode', 'continuous', '--delay', '0', ...extraArgs]
    return this.startMember(`terminal ${this.terminals}`, 'terminal', [...args, '--db', this.db])
  }

  /** `serve --port 0`; resolves with its address once it prints it. */
  startServe(timeoutMs = 60_000): Promise<{ member: FleetMember; url: string }> {
    const member = this.startMember('serve', 'serve', ['serve', '--port', '0', '--db', this.db])
    return this.serving(member, timeoutMs)
  }

  /** The member a worker process belongs to: the CLI that forked it. */
  ownerOf(workerPid: number): FleetMember | undefined {
    const coordinator = parentPid(workerPid)
    return this.members.find((member) => !member.exited && member.pid === coordinator)
  }
}
