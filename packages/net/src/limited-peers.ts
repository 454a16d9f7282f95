/**
 * Bitswap told of the peers it reaches only over limited (relayed) connections.
 *
 * `@helia/bitswap` (3.x) registers its topology without `notifyOnLimitedConnection`, so
 * libp2p never tells it of a peer whose only connection is relayed: a node behind a NAT
 * was never sent the want-list, and a file it alone held was not found. This registers a
 * second topology for the same protocol that does hear of limited connections, and hands
 * each such peer to bitswap as its own topology would (its network's `peer:connected`);
 * bitswap's own topology already tells it when the peer is gone. It reaches into the
 * network's `start`, `stop` and `libp2p`; if a later version lacks them, nothing is changed.
 */
import type { Connection, Libp2p, PeerId } from '@libp2p/interface'

const BITSWAP_120 = '/ipfs/bitswap/1.2.0'

interface BitswapNetwork extends EventTarget {
  readonly libp2p: Pick<Libp2p, 'register' | 'unregister'>
  start(): Promise<void>
  stop(): Promise<void>
}

const isNetwork = (value: unknown): value is BitswapNetwork => {
  const network = value as Partial<BitswapNetwork> | undefined
  return (
    typeof network?.start === 'function' &&
    typeof network.stop === 'function' &&
    typeof network.dispatchEvent === 'function' &&
    typeof network.libp2p?.register === 'function' &&
    typeof network.libp2p.unregister === 'function'
  )
}

/** Makes bitswap hear of peers connected only through a relay; false if it could not. */
export function notifyLimitedPeers(network: unknown): boolean {
  if (!isNetwork(network)) return false
  const start = network.start.bind(network)
  const stop = network.stop.bind(network)
  let registered: string | undefined
  network.start = async () => {
    await start()
    registered ??= await network.libp2p.register(BITSWAP_120, {
      notifyOnLimitedConnection: true,
      onConnect: (peer: PeerId, connection: Connection) => {
        // unlimited connections reach bitswap through its own topology
        if (connection.limits === undefined) return
        network.dispatchEvent(new CustomEvent('peer:connected', { detail: peer }))
      },
    })
  }
  network.stop = async () => {
    if (registered !== undefined) network.libp2p.unregister(registered)
    registered = undefined
    await stop()
  }
  return true
}
