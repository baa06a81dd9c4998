/** Environment variables a worker may see; everything else of the coordinator's stays behind. */
export const workerEnvAllowList = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'TMPDIR',
  'TEMP',
  'TMP',
  'LANG',
  'LC_ALL',
  'TZ',
  'SystemRoot',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XDG_RUNTIME_DIR',
  'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME',
  'BRAND_SCRAPER_CHROMIUM',
  'PLAYWRIGHT_BROWSERS_PATH'
] as const

/** The allow-listed part of `env`: a worker's whole environment. */
export function allowListedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of workerEnvAllowList) {
    const value = env[name]
    if (value !== undefined) picked[name] = value
  }
  return picked
}
