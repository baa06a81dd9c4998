// Stages the app for electron-builder in release/app (its "two package.json" layout).
//
// Why: electron-builder rebuilds native modules (better-sqlite3) for Electron's ABI in the app
// directory it packages. Packaging the repository itself would rebuild the checkout's
// node_modules in place, and `npm test` under plain Node would then fail to load better-sqlite3.
// Staging gives electron-builder a directory of its own: it installs the runtime dependencies
// there and rebuilds them for Electron, and the checkout's node_modules is never touched.
//
// Run after `electron-vite build`: node scripts/stage-app.mjs
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const stage = join(root, 'release', 'app')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

// Bundled into the renderer by Vite, or only used by the CLI under tsx: not needed at run time.
const bundledOnly = new Set(['react', 'react-dom', 'zustand', '@tanstack/react-virtual', 'tsx'])
const dependencies = Object.fromEntries(
  Object.entries(pkg.dependencies ?? {}).filter(([name]) => !bundledOnly.has(name))
)

rmSync(stage, { recursive: true, force: true })
mkdirSync(stage, { recursive: true })
cpSync(join(root, 'out'), join(stage, 'out'), { recursive: true })
cpSync(join(root, 'resources'), join(stage, 'resources'), { recursive: true })
writeFileSync(
  join(stage, 'package.json'),
  `${JSON.stringify(
    {
      name: pkg.name,
      productName: 'Brand Scraper',
      version: pkg.version,
      description: pkg.description,
      author: pkg.author,
      license: pkg.license,
      type: pkg.type,
      main: pkg.main,
      dependencies,
      allowScripts: { 'better-sqlite3': true }
    },
    null,
    2
  )}\n`
)
console.log(
  `Staged the app in ${stage} with ${Object.keys(dependencies).length} runtime dependencies.`
)
