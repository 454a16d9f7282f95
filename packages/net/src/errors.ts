/** Errors of the network, matched by `name`. */
import type { PeerId } from '@libp2p/interface'

/**
 * No connection to the peer could be had: no open one, and a dial to every address known
 * failed (a private address behind a NAT, a relay address not known yet, a relayed
 * connection closed while opening). Not the peer's fault, and no proof it is gone.
 */
export class PeerUnreachableError extends Error {
  override readonly name = 'PeerUnreachableError'
  readonly peer: PeerId
  constructor(peer: PeerId, message: string, options?: ErrorOptions) {
    super(message, options)
    this.peer = peer
  }
}

/**
 * A DHT request of another node that this node will not answer: it makes as many answers at
 * once and holds as many requests waiting as it will (dht-serving.ts), the request waited
 * past its stream's timeout, or the node is stopping. kad-dht resets the request's stream; the
 * asking node's walk goes on with other peers.
 */
export class DhtBusyError extends Error {
  override readonly name = 'DhtBusyError'
  constructor(message = 'too many DHT requests in hand') {
    super(message)
  }
}

/**
 * The node's datastore is held by another process: another node runs on this home (or a
 * tool has the LevelDB open). Two processes cannot share it.
 */
export class DatastoreLockedError extends Error {
  override readonly name = 'DatastoreLockedError'
  readonly dir: string
  constructor(dir: string, options?: ErrorOptions) {
    super(
      `the datastore ${dir} is in use by another process: is another node running on this home?`,
      options,
    )
    this.dir = dir
  }
}
