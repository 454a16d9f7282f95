/**
 * A stream to a peer on a connection already open when there is one, relayed (limited)
 * connections included; a dial only when there is none. libp2p's `dialProtocol` reuses
 * only unlimited connections: with nothing but a relayed connection open to a node behind
 * a NAT, it dialled the addresses in the peer store instead (a private address that
 * failed, or the relay again, a new relayed connection for every stream, which the relay
 * or the peer may close while it opens), and a pull never reached a peer it was connected
 * to (bitswap's streams likewise, an attachment never reached a node behind a NAT). Every
 * protocol that opens its streams here runs on limited connections (its handler says so). A connection
 * whose multiplexer closed while its socket stayed open is ended, and the next one tried.
 */
import type { Connection, Libp2p, PeerId, Stream } from '@libp2p/interface'
import { PeerUnreachableError } from './errors.js'

/** What opening a stream needs of the node. */
export type StreamOpener = Pick<Libp2p, 'getConnections' | 'dial'>

/**
 * Opens `protocol` to `peer`: on its open connection (a direct, then an unlimited one
 * first), else on a new one. Throws {@link PeerUnreachableError} when no connection could
 * be had; a failure of the protocol's negotiation is thrown as it is.
 */
export async function openStream(
  libp2p: StreamOpener,
  peer: PeerId,
  protocol: string,
  options: { signal?: AbortSignal } = {},
): Promise<Stream> {
  const streamOptions = { ...options, runOnLimitedConnection: true }
  for (const open of openConnections(libp2p.getConnections(peer))) {
    try {
      return await open.newStream(protocol, streamOptions)
    } catch (err) {
      if (options.signal?.aborted === true) throw err
      if (halfClosed(open, err)) {
        // its multiplexer closed (the peer said GoAway) while its socket stays open:
        // libp2p counts it open and would hand it out for every stream; it serves none
        open.abort(err as Error)
        continue
      }
      // closed meanwhile: another, or a new connection, may still be had; anything else
      // is the answer
      if (open.status === 'open') throw err
    }
  }
  const connection = await dial(libp2p, peer, options)
  return connection.newStream(protocol, streamOptions)
}

/** The open connections, best first: direct before relayed, unlimited before limited. */
function openConnections(connections: readonly Connection[]): Connection[] {
  const open = connections.filter((connection) => connection.status === 'open')
  const rank = (connection: Connection) =>
    (connection.direct ? 0 : 2) + (connection.limits === undefined ? 0 : 1)
  return open.sort((a, b) => rank(a) - rank(b))
}

/** Whether `err` says the connection's multiplexer is closed though the connection is not. */
function halfClosed(connection: Connection, err: unknown): boolean {
  return (
    connection.status === 'open' && (err as Error | undefined)?.name === 'ConnectionClosedError'
  )
}

async function dial(
  libp2p: StreamOpener,
  peer: PeerId,
  options: { signal?: AbortSignal },
): Promise<Connection> {
  try {
    return await libp2p.dial(peer, options)
  } catch (err) {
    // our own abort (a timeout, a pull given up) is not the peer's unreachability
    if (options.signal?.aborted === true) throw err
    throw new PeerUnreachableError(peer, `no connection to ${peer}: ${(err as Error).message}`, {
      cause: err,
    })
  }
}
