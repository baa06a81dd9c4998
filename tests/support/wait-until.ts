/** Resolves when `check` holds, polling every 250 ms; throws with `describe()` at the deadline. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out.\n${describe()}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
