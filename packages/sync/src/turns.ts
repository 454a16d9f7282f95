/**
 * Turns of the event loop for gossip. Gossipsub handles a peer's messages one after
 * another (awaitRpcHandler, see @polder/net), and a burst of thousands of messages
 * (signature checks, decoding) would otherwise run in one long chain of microtasks, with
 * the API waiting behind it. Validators await {@link turnIfDue}: once `BUDGET_MS` of
 * work ran without a turn, the next message waits for one, and the API gets its turn.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'

/** Longest run of gossip handling without giving the event loop a turn. */
export const BUDGET_MS = 5

/**
 * When the current run of gossip handling began; undefined once the event loop turned
 * since. A run is measured from its own first message: a message after a pause (the loop
 * turned meanwhile) is handled at once, not held for a turn nothing else needs.
 */
let runStart: number | undefined

const endRun = (): void => {
  runStart = undefined
}

/** Undefined while within the budget; else a turn of the event loop to await. */
export function turnIfDue(): Promise<void> | undefined {
  if (runStart === undefined) {
    runStart = performance.now()
    // the loop's next check phase ends the run; scheduled before any turn awaited below,
    // so it runs first and the messages resumed by that turn start a new run
    setImmediate(endRun)
    return undefined
  }
  if (performance.now() - runStart < BUDGET_MS) return undefined
  return nextTurn()
}

/** `result`, after a turn of the event loop when one is due. */
export function afterTurnIfDue<T>(result: T | Promise<T>): T | Promise<T> {
  const turn = turnIfDue()
  return turn === undefined ? result : turn.then(() => result)
}
