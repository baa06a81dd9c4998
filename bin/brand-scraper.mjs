#!/usr/bin/env node
/**
 * `brand-scraper` (`npx brand-scraper …`, `npm run cli -- …`): runs the bundled CLI in THIS
 * process, so a signal sent to it (Ctrl-C, `kill`) reaches the real command, and nothing is left
 * running without a parent.
 *
 * The bundle (`out/cli/`, see scripts/build-cli.mjs) is built on demand: when it is missing (right
 * after `npm install`, which runs no build step of ours) or older than any file it was built from
 * (a checkout being edited). esbuild takes well under a second, so there is no install hook to
 * keep in step and no stale bundle to forget. The freshness check stats only the files the last
 * build listed; esbuild itself is loaded only when a build is needed.
 *
 * Run as an npm script (`npm run cli -- serve`, `npx brand-scraper`), this process's parent is the
 * shell npm started, and npm passes a SIGTERM to that shell, which dies without passing it on. So
 * here the command follows its parent: once the parent is gone, it stops as if sent SIGTERM
 * (`serve` and `worker` stop their workers and close gracefully). Started any other way (a
 * terminal, nohup, a service manager) it keeps running on its own.
 */
import { readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, 'out', 'cli')
const entry = join(outDir, 'run-cli.js')

/** Whether the bundle exists and is newer than every file it was built from. */
function bundleIsFresh() {
  let builtAt
  let inputs
  try {
    builtAt = statSync(entry).mtimeMs
    inputs = JSON.parse(readFileSync(join(outDir, 'build-inputs.json'), 'utf8')).inputs
    // The inputs list is written last: if it predates the entry, a build is under way or failed.
    if (statSync(join(outDir, 'build-inputs.json')).mtimeMs < builtAt) return false
  } catch {
    return false
  }
  for (const input of inputs) {
    let changedAt
    try {
      changedAt = statSync(join(root, input)).mtimeMs
    } catch {
      // A source the bundle was built from is gone (renamed, deleted): rebuild.
      if (input !== 'package-lock.json') return false
      continue
    }
    if (changedAt > builtAt) return false
  }
  return true
}

if (process.env.BRAND_SCRAPER_NO_BUILD !== '1' && !bundleIsFresh()) {
  const { buildCli } = await import('../scripts/build-cli.mjs')
  try {
    await buildCli()
  } catch (error) {
    process.stderr.write(`brand-scraper: could not build the command: ${error.message}\n`)
    process.exit(1)
  }
}

/** Whether the process `pid` still exists (signal 0 tests for it without sending anything). */
function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

/** Sends this process SIGTERM once the process that started it has gone (see above). */
function followParent(intervalMs = 200) {
  const parent = process.ppid
  const timer = setInterval(() => {
    // POSIX re-parents an orphan (ppid changes); Windows keeps the dead parent's id.
    if (process.ppid === parent && isAlive(parent)) return
    clearInterval(timer)
    process.kill(process.pid, 'SIGTERM')
  }, intervalMs)
  // The watch never keeps the command alive by itself.
  timer.unref()
}

if (process.env.npm_lifecycle_event) followParent()

await import(pathToFileURL(entry).href)
