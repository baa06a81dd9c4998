/**
 * One section of docs/benchmarks.md: each benchmark that can run alone rewrites only its own
 * section, so `npx tsx bench/measure-x.ts` never drops the figures of the others.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const benchmarksFile = join(import.meta.dirname, '..', 'docs', 'benchmarks.md')

/**
 * Replaces the section that starts with `heading` (up to the next `## ` heading) with `section`,
 * or adds it at the end; the other sections are kept as they are.
 */
export function writeBenchmarkSection(heading: string, section: string): void {
  const text = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : ''
  const start = text.indexOf(heading)
  if (start === -1) return writeFileSync(benchmarksFile, `${text.trimEnd()}\n\n${section}`)
  const next = text.indexOf('\n## ', start + heading.length)
  const after = next === -1 ? '' : text.slice(next)
  writeFileSync(benchmarksFile, `${text.slice(0, start)}${section.trimEnd()}\n${after}`)
}

/** True when the module at `moduleUrl` is the script Node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(resolve(process.argv[1]!)).href
}

/**
 * Runs a benchmark alone: measures, rewrites its section and prints it; a failure is one line
 * on stderr and exit code 1.
 */
export function runBenchmarkAlone<T>(
  heading: string,
  measure: (log: (message: string) => void) => Promise<T>,
  toSection: (figures: T) => string
): void {
  const log = (message: string): void => void process.stderr.write(`${message}\n`)
  measure(log)
    .then((figures) => {
      const section = toSection(figures)
      writeBenchmarkSection(heading, section)
      process.stdout.write(section)
    })
    .catch((error: unknown) => {
      process.stderr.write(`bench failed: ${(error as Error).stack}\n`)
      process.exitCode = 1
    })
}
