import { readdirSync, readFileSync } from 'node:fs'

/** One process of /proc: its parent, name and resident memory. */
interface ProcessEntry {
  ppid: number
  name: string
  rssBytes: number
}

/**
 * A process's proportional share of memory (PSS: shared pages divided among the processes that
 * map them, so Chromium's many processes sharing one binary are not counted many times), or its
 * resident set where the kernel has no smaps_rollup.
 */
function memoryOf(pid: number, entry: ProcessEntry): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const pss = /^Pss:\s*(\d+)/m.exec(rollup)?.[1]
    if (pss != null) return Number(pss) * 1024
  } catch {
    // Gone, or an older kernel: fall back to the resident set.
  }
  return entry.rssBytes
}

function readProcess(pid: number): ProcessEntry | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const field = (name: string): string =>
      new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1] ?? ''
    return {
      ppid: Number(field('PPid')),
      name: field('Name'),
      rssBytes: Number.parseInt(field('VmRSS'), 10) * 1024 || 0
    }
  } catch {
    return null // Gone in the meantime, or not Linux.
  }
}

/**
 * Memory (proportional set) of the Chromium processes this process started (the browser, its renderers,
 * GPU and utility processes), in bytes, read from /proc; 0 where there is no /proc. Cheap enough
 * to ask every few pages, not on every one.
 */
export function chromiumMemoryBytes(rootPid: number = process.pid): number {
  let pids: number[]
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
  } catch {
    return 0
  }
  const children = new Map<number, Array<{ pid: number; entry: ProcessEntry }>>()
  for (const pid of pids) {
    const entry = readProcess(pid)
    if (entry == null) continue
    const list = children.get(entry.ppid) ?? []
    list.push({ pid, entry })
    children.set(entry.ppid, list)
  }
  let total = 0
  const queue = [rootPid]
  while (queue.length > 0) {
    for (const { pid, entry } of children.get(queue.shift()!) ?? []) {
      if (/chrom|headless_shell/i.test(entry.name)) total += memoryOf(pid, entry)
      queue.push(pid)
    }
  }
  return total
}

/** Options of {@link memoryBudgetCheck}. */
export interface MemoryBudgetOptions {
  /** Most resident memory Chromium may hold before its pages' context is recycled. */
  budgetBytes: number
  /** Pages between two measurements. Default: 25. */
  everyPages?: number
  /** Told when the budget is passed. Default: nothing. */
  onOver?: (bytes: number) => void
  /** Measures (tests inject one). Default: {@link chromiumMemoryBytes}. */
  measure?: () => number
}

/** A `shouldRecycle` for the renderer: true when Chromium's memory, measured now and then, is over budget. */
export function memoryBudgetCheck(options: MemoryBudgetOptions): () => boolean {
  const every = options.everyPages ?? 25
  const measure = options.measure ?? chromiumMemoryBytes
  let pages = 0
  return () => {
    if (++pages % every !== 0) return false
    const bytes = measure()
    if (bytes <= options.budgetBytes) return false
    options.onOver?.(bytes)
    return true
  }
}
