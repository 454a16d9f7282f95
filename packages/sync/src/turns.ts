/**
 * Turns of the event loop for gossip. Gossipsub handles a peer's messages one after
 * another (awaitRpcHandler, see @polder/net), and a burst of thousands of messages
 * (signature checks, decoding) would otherwise run in one long chain of microtasks, with
 * the API waiting behind it. Validators await {@link turnIfDue}: once `BUDGET_MS` of
 * work ran without a turn, the next message waits for one, and the API gets its turn.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'

/** Longest run of gossip handling without giving the event loop a turn. */
const BUDGET_MS = 5

let lastTurn = performance.now()

/** Undefined while within the budget; else a turn of the event loop to await. */
export function turnIfDue(): Promise<void> | undefined {
  if (performance.now() - lastTurn < BUDGET_MS) return undefined
  return nextTurn().then(() => {
    lastTurn = performance.now()
  })
}

/** `result`, after a turn of the event loop when one is due. */
export function afterTurnIfDue<T>(result: T | Promise<T>): T | Promise<T> {
  const turn = turnIfDue()
  return turn === undefined ? result : turn.then(() => result)
}
