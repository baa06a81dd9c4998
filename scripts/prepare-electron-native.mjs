#!/usr/bin/env node
/**
 * Builds better-sqlite3's addon for Electron's ABI into `.electron-native/<electron version>/`,
 * leaving node_modules built for Node, so that `npm start` and `npm test` both keep working in
 * one checkout. The app loads this copy through better-sqlite3's `nativeBinding` option.
 *
 * It tries the prebuilt binary for Electron first (prebuild-install, as better-sqlite3's own
 * install does), then a build from source against Electron's headers. Both need the internet once.
 */
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const electronVersion = JSON.parse(
  readFileSync(require.resolve('electron/package.json'), 'utf8')
).version
const target = join(root, '.electron-native', electronVersion, 'better_sqlite3.node')

if (existsSync(target)) process.exit(0)

const source = dirname(require.resolve('better-sqlite3/package.json'))
const work = mkdtempSync(join(tmpdir(), 'brand-scraper-native-'))
const copy = join(work, 'better-sqlite3')
console.error(`Building better-sqlite3 for Electron ${electronVersion} (once)…`)
try {
  cpSync(source, copy, {
    recursive: true,
    filter: (path) => !path.includes(`${join('build', '')}`)
  })
  // An npmrc `nodedir` (some machines set it to build against the system Node's headers) reaches
  // node-gyp as npm_config_nodedir and wins over --target: drop it, Electron's headers are wanted.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.toLowerCase() !== 'npm_config_nodedir')
  )
  const run = (command, args) =>
    execFileSync(command, args, { cwd: copy, env, stdio: ['ignore', 'inherit', 'inherit'] })
  try {
    const prebuild = require.resolve('prebuild-install/bin.js')
    run(process.execPath, [
      prebuild,
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch
    ])
  } catch {
    console.error('No prebuilt binary; building from source against Electron headers…')
    run(process.execPath, [
      nodeGyp(),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers'
    ])
  }
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
  // A build against Node's own headers would load in Node and crash Electron: refuse it here.
  if (readFileSync(built).includes(`node_register_module_v${process.versions.modules}\0`)) {
    throw new Error(`the build used Node ${process.version}'s headers, not Electron's`)
  }
  mkdirSync(dirname(target), { recursive: true })
  cpSync(built, target)
  console.error(`Ready: ${target}`)
} catch (error) {
  console.error(
    `Could not build better-sqlite3 for Electron: ${error.message}\n` +
      "This needs the internet once: for the prebuilt binary, or for Electron's headers to " +
      'build it with a C++ toolchain (python3, make, g++). ' +
      'The headless server works without it: npm run cli -- serve'
  )
  process.exit(1)
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** node-gyp as npm ships it (no download), else through npx. */
function nodeGyp() {
  const npmDir = dirname(
    dirname(realpathSync(process.env.npm_execpath ?? join(dirname(process.execPath), 'npm')))
  )
  const bundled = join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
  if (existsSync(bundled)) return bundled
  const global = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js'
  )
  if (existsSync(global)) return global
  throw new Error('node-gyp was not found beside npm; install it with `npm i -g node-gyp`')
}
