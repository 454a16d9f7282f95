/**
 * Polls `check` until it gives a value (not undefined or false), for at most 30 s; `state`
 * says what was seen instead, in the error.
 */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  state?: () => string,
): Promise<T> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${state === undefined ? '' : `: ${state()}`}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
