/**
 * A timeout that a starved event loop does not take for the peer's silence. After the loop
 * was blocked, libuv runs expired timers before it polls the sockets, so a plain
 * `AbortSignal.timeout` may fire while the awaited message already waits in the socket;
 * this one, once its time is up, lets one poll phase run first (`setImmediate` comes after
 * it), so that data that arrived in time settles the read before the signal aborts.
 */
export interface PatientTimeout {
  readonly signal: AbortSignal
  /** Stops the timer once the awaited thing came. */
  clear(): void
}

export function patientTimeout(ms: number): PatientTimeout {
  const controller = new AbortController()
  let immediate: NodeJS.Immediate | undefined
  const timer = setTimeout(() => {
    immediate = setImmediate(() =>
      controller.abort(new DOMException(`no answer within ${ms} ms`, 'TimeoutError')),
    )
  }, ms)
  timer.unref()
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer)
      if (immediate !== undefined) clearImmediate(immediate)
    },
  }
}
