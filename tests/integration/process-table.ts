import { readdirSync, readFileSync } from 'node:fs'

/**
 * What Linux's /proc says of a process: its parent, its children and its resident memory. A
 * coordinator (the CLI, `serve`) forks its workers: tests and benchmarks walk this tree to find a
 * worker's coordinator, to measure both, and to leave nothing running behind them.
 */

/** The parent pid of a running process; undefined once it is gone. */
export function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name, in parentheses, may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[1])
  } catch {
    return undefined
  }
}

/** Every process below `pid` (children, their children…), deepest first. */
export function descendantPids(pid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const parent = parentPid(Number(entry))
    if (parent === undefined) continue
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
  }
  const below = (of: number): number[] =>
    (children.get(of) ?? []).flatMap((child) => [...below(child), child])
  return below(pid)
}

/** Resident memory (VmRSS) of a running process, in MiB; undefined once it is gone. */
export function residentMiB(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) / 1024 : undefined
  } catch {
    return undefined
  }
}

/** Whether a process with this pid is running (signal 0 only checks). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
