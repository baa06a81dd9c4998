/**
 * Whether a process with this pid runs on this machine: signal 0 only checks. EPERM means it
 * exists under another user.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
