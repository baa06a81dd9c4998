import { readFileSync } from 'node:fs'
import { chromium, type Browser } from 'playwright'
import { createBrowserRecycler, type BrowserRecyclePolicy } from './browser-recycler'
import { findChromium, type ChromiumLocation } from './find-chromium'
import { cleanStaleProfiles } from './stale-profiles'

/** The browser lent for one page; `release()` when the page is done with it. */
export interface BrowserLease {
  browser: Browser
  release(): void
}

/**
 * Chromium, launched on first use and shared by every page (and every brand) of one worker
 * process; the worker closes it when it exits.
 */
export interface BrowserProvider {
  /** Launches on first call; later calls get the same browser. Throws with install advice. */
  get(): Promise<Browser>
  /**
   * Lends the browser for one page, counting the page toward recycling the browser process (see
   * `BrowserRecyclePolicy`): waits while it is being recycled. Optional, so a stand-in provider
   * need only `get()`; one without it is never recycled.
   */
  lease?(): Promise<BrowserLease>
  close(): Promise<void>
}

/** Options of `createBrowserProvider`; the recycle policy's options have their defaults there. */
export interface BrowserProviderOptions extends BrowserRecyclePolicy {
  /** Where to find Chromium. Default: `findChromium()` (environment, Playwright, system). */
  locate?: () => ChromiumLocation
  /** Run without a window. Default: true. */
  headless?: boolean
  /** Give up launching after this many ms. Default: 30 000. */
  launchTimeoutMs?: number
  /** Told which browser was launched, and the browser, for the log. Default: nothing. */
  onLaunch?: (location: ChromiumLocation, browser: Browser) => void
  /**
   * Told, in words, each time the browser process is recycled. Default: one line on stderr (which
   * the worker's log keeps).
   */
  onRecycle?: (message: string) => void
  /**
   * Base64 SHA-256 hashes of public keys (SPKI) whose certificates Chromium accepts though no
   * authority signed them: a test's self-signed HTTPS site. Default: none; the app never sets it.
   */
  acceptCertificateKeys?: string[]
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
 * is not cached, so a later call may try again (after the user installs a browser). Pages that
 * `lease()` the browser count toward recycling its process (see {@link createBrowserRecycler}).
 */
export function createBrowserProvider(options: BrowserProviderOptions = {}): BrowserProvider {
  let launching: Promise<Browser> | null = null
  let sandboxReported = false
  let cleaned = false
  const report = (message: string, tell: ((message: string) => void) | undefined): void => {
    if (tell != null) tell(message)
    else process.stderr.write(`${message}\n`)
  }
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
      report(message, options.onSandboxOff)
    }
    const keys = options.acceptCertificateKeys ?? []
    const browser = await chromium.launch({
      executablePath: location.path,
      headless: options.headless ?? true,
      // Playwright passes --no-sandbox unless told the sandbox is wanted.
      chromiumSandbox: decision.sandbox,
      args:
        keys.length > 0
          ? [...chromiumLaunchArgs, `--ignore-certificate-errors-spki-list=${keys.join(',')}`]
          : chromiumLaunchArgs,
      timeout: options.launchTimeoutMs ?? 30_000
    })
    options.onLaunch?.(location, browser)
    return browser
  }
  const get = (): Promise<Browser> => {
    if (launching != null) return launching
    const attempt = launch()
    launching = attempt
    // A failed launch is not cached, and a crashed browser is not handed out again: the next
    // get() launches a new one.
    const forget = (): void => {
      if (launching === attempt) launching = null
    }
    void attempt.then((browser) => browser.on('disconnected', forget), forget)
    return attempt
  }
  const closeBrowser = async (): Promise<void> => {
    const pending = launching
    launching = null
    if (pending == null) return
    const browser = await pending.catch(() => null)
    await browser?.close()
  }
  const recycler = createBrowserRecycler({
    ...options,
    closeBrowser,
    onRecycle: (message) => report(message, options.onRecycle)
  })
  return {
    get,
    async lease(): Promise<BrowserLease> {
      const done = await recycler.enter()
      try {
        return { browser: await get(), release: () => done() }
      } catch (error) {
        done(false)
        throw error
      }
    },
    async close(): Promise<void> {
      recycler.cancel()
      await closeBrowser()
    }
  }
}
