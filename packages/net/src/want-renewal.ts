/**
 * A want asked for again after it was given up is sent again.
 *
 * In `@helia/bitswap` (3.x) a want whose waiter gave up (a reader that stopped, a block
 * timeout) is only marked cancelled; it leaves the want-list at the next send, 10 ms later.
 * A new want of the same block in between joins the cancelled entry, which is never sent
 * and then dropped, and its waiter waits for a block nobody was asked for, until its time
 * runs out (30 s by default: a 5 MB fetch that took 31 s). Here such an entry is replaced
 * by a new one, sent to every peer as a new want.
 *
 * It reaches into the want-list's `wants` (entries by the base64 of the multihash) and
 * `peers` (what each peer was sent), beside `addEntry`; if a later version lacks them,
 * nothing is changed.
 */

interface CidLike {
  readonly multihash: { readonly bytes: Uint8Array }
}

interface WantList {
  addEntry(cid: CidLike, options?: unknown): Promise<unknown>
  readonly wants: Map<string, { cancel: boolean }>
  readonly peers: { values(): Iterable<Set<string>> }
}

const isWantList = (value: unknown): value is WantList => {
  const list = value as Partial<WantList> | undefined
  return (
    typeof list?.addEntry === 'function' &&
    list.wants instanceof Map &&
    typeof list.peers?.values === 'function'
  )
}

/** Makes `wantList.addEntry` replace a cancelled entry; false if it could not. */
export function renewCancelledWants(wantList: unknown): boolean {
  if (!isWantList(wantList)) return false
  const addEntry = wantList.addEntry.bind(wantList)
  wantList.addEntry = (cid: CidLike, options?: unknown) => {
    const key = Buffer.from(cid.multihash.bytes).toString('base64')
    if (wantList.wants.get(key)?.cancel === true) {
      wantList.wants.delete(key)
      for (const sent of wantList.peers.values()) sent.delete(key)
    }
    return addEntry(cid, options)
  }
  return true
}
