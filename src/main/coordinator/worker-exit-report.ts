import type { RestartPolicy } from './crash-backoff'
import type { WorkerHostExit } from './worker-host'
import type { CrashOutcome } from './worker-supervisor'

/**
 * How a process ended, in a few words, saying the transport's reason only when it adds something:
 * a Node child's reason (`killed by SIGKILL`) repeats the signal, Electron's (`oom`) does not.
 */
export function describeExit(exit: Pick<WorkerHostExit, 'code' | 'signal' | 'reason'>): string {
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`
  const says = [how, `exited with code ${exit.code}`, 'exited', 'clean-exit', '']
  return says.includes(exit.reason) ? how : `${how}: ${exit.reason}`
}

/** A worker process as log lines name it: its registry id once known, and its pid. */
export function describeWorker(workerId: string | null, pid: number | null): string {
  const where = `pid ${pid ?? '?'}`
  return workerId ? `worker ${workerId} (${where})` : `the worker (${where})`
}

/** What the coordinator makes of a worker process's end: its state, and the log line. */
export interface ExitReport {
  state: 'stopped' | 'crashed'
  level: 'info' | 'error'
  message: string
  /** Set when its supervisor gave up restarting it, saying so. */
  gaveUp: string | null
}

/**
 * Reads a worker process's end. Ending with a notice (nothing to do) is an idle end, not a crash;
 * the worker has logged the notice itself, so the line does not repeat it, and a crash line says
 * its cause once.
 */
export function reportExit(
  exit: WorkerHostExit,
  crash: CrashOutcome | undefined,
  who: string,
  policy: Pick<RestartPolicy, 'maxCrashes' | 'windowMs'>
): ExitReport {
  const Who = who.charAt(0).toUpperCase() + who.slice(1)
  if (!exit.crashed) {
    const what = exit.requested
      ? 'stopped'
      : exit.notice
        ? 'had nothing to do and exited'
        : 'finished and exited'
    return { state: 'stopped', level: 'info', message: `${Who} ${what}.`, gaveUp: null }
  }
  if (exit.error !== null) {
    // It exited on purpose, saying why it could not work (an unknown brand): no restart.
    const message = `${Who} could not run: ${exit.error}`
    return { state: 'crashed', level: 'error', message, gaveUp: null }
  }
  const how = describeExit(exit)
  const crashes = crash?.crashes ?? 1
  if (crash?.kind === 'gave-up') {
    const gaveUp =
      `${Who} crashed ${crashes} times in ${policy.windowMs / 60_000} minutes ` +
      `(last: ${how}); not restarting. Check the log, then start it again.`
    return { state: 'crashed', level: 'error', message: gaveUp, gaveUp }
  }
  const message =
    crash?.kind === 'restart'
      ? `${Who} crashed (${how}); restarting in ${crash.inMs / 1000} s (crash ${crashes} of ${policy.maxCrashes}).`
      : `${Who} crashed (${how}). Saved products are kept.`
  return { state: 'crashed', level: 'error', message, gaveUp: null }
}
