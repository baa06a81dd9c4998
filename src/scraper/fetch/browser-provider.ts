import { readFileSync } from 'node:fs'
import { chromium, type Browser } from 'playwright'
import { findChromium, type ChromiumLocation } from './find-chromium'
import { cleanStaleProfiles } from './stale-profiles'

/**
 * Chromium, launched on first use and shared by every page (and every brand) of one worker
 * process; the worker closes it when it exits.
 */
export interface BrowserProvider {
  /** Launches on first call; later calls get the same browser. Throws with install advice. */
  get(): Promise<Browser>
  close(): Promise<void>
}

/** Options of `createBrowserProvider`. */
export interface BrowserProviderOptions {
  /** Where to find Chromium. Default: `findChromium()` (environment, Playwright, system). */
  locate?: () => ChromiumLocation
  /** Run without a window. Default: true. */
  headless?: boolean
  /** Give up launching after this many ms. Default: 30 000. */
  launchTimeoutMs?: number
  /** Told which browser was launched, for the log. Default: nothing. */
  onLaunch?: (location: ChromiumLocation) => void
  /** Whether Chromium's sandbox can run here. Default: {@link decideChromiumSandbox} of this machine. */
  sandbox?: SandboxDecision
  /**
   * Told once, at the first launch, when the sandbox is off and why. Default: one line on stderr
   * (which the worker's log keeps).
   */
  onSandboxOff?: (reason: string) => void
}

/** Whether to run Chromium's sandbox, and why not when not. */
export interface SandboxDecision {
  sandbox: boolean
  /** Why it is off, in words; null when on. */
  reason: string | null
}

/** What {@link decideChromiumSandbox} looks at (the real machine's by default). */
export interface SandboxFacts {
  platform: NodeJS.Platform
  /** The user id, or null where there is none (Windows). */
  uid: number | null
  /** Contents of the kernel settings that can forbid unprivileged user namespaces, by path. */
  readSetting: (path: string) => string | null
}

function readProcSetting(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return null
  }
}

/** This machine's facts. */
export function machineSandboxFacts(): SandboxFacts {
  return {
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    readSetting: readProcSetting
  }
}

/**
 * Keeps Chromium's sandbox on wherever it works, since pages run untrusted scripts: it is turned
 * off only for root (Chromium refuses to sandbox root) or on Linux without unprivileged user
 * namespaces (the sandbox needs them: disabled by `kernel.unprivileged_userns_clone=0`,
 * `user.max_user_namespaces=0` or AppArmor's `apparmor_restrict_unprivileged_userns=1`).
 */
export function decideChromiumSandbox(
  facts: SandboxFacts = machineSandboxFacts()
): SandboxDecision {
  if (facts.platform !== 'linux') return { sandbox: true, reason: null }
  if (facts.uid === 0) {
    return { sandbox: false, reason: 'running as root, where Chromium cannot use its sandbox' }
  }
  const forbidden: [string, string][] = [
    ['/proc/sys/kernel/unprivileged_userns_clone', '0'],
    ['/proc/sys/user/max_user_namespaces', '0'],
    ['/proc/sys/kernel/apparmor_restrict_unprivileged_userns', '1']
  ]
  for (const [path, value] of forbidden) {
    if (facts.readSetting(path) === value) {
      return {
        sandbox: false,
        reason: `user namespaces are unavailable (${path} is ${value}), which the sandbox needs`
      }
    }
  }
  return { sandbox: true, reason: null }
}

/**
 * Flags for a crawler's Chromium: no GPU, and none of the background traffic (updates, sync) a
 * crawl has no use for. The sandbox is decided apart (see {@link decideChromiumSandbox}).
 */
export const chromiumLaunchArgs = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/**
 * A `BrowserProvider` that launches Chromium on the first `get()` only, so a crawl that never
 * needs JavaScript never starts a browser. Concurrent first calls share one launch; a failed launch
 * is not cached, so a later call may try again (after the user installs a browser).
 */
export function createBrowserProvider(options: BrowserProviderOptions = {}): BrowserProvider {
  let launching: Promise<Browser> | null = null
  let sandboxReported = false
  let cleaned = false
  const launch = async (): Promise<Browser> => {
    // Profiles left by workers killed earlier, cleaned once per process before adding ours.
    if (!cleaned) {
      cleaned = true
      cleanStaleProfiles()
    }
    const location = (options.locate ?? (() => findChromium()))()
    const decision = options.sandbox ?? decideChromiumSandbox()
    if (!decision.sandbox && !sandboxReported) {
      sandboxReported = true
      const message = `Chromium runs without its sandbox: ${decision.reason ?? 'unavailable'}`
      if (options.onSandboxOff != null) options.onSandboxOff(message)
      else process.stderr.write(`${message}\n`)
    }
    const browser = await chromium.launch({
      executablePath: location.path,
      headless: options.headless ?? true,
      // Playwright passes --no-sandbox unless told the sandbox is wanted.
      chromiumSandbox: decision.sandbox,
      args: chromiumLaunchArgs,
      timeout: options.launchTimeoutMs ?? 30_000
    })
    options.onLaunch?.(location)
    // A crashed browser must not be handed out again: the next get() launches a new one.
    browser.on('disconnected', () => {
      launching = null
    })
    return browser
  }
  return {
    get(): Promise<Browser> {
      if (launching == null) {
        launching = launch()
        launching.catch(() => {
          launching = null
        })
      }
      return launching
    },
    async close(): Promise<void> {
      const pending = launching
      launching = null
      if (pending == null) return
      const browser = await pending.catch(() => null)
      await browser?.close()
    }
  }
}
