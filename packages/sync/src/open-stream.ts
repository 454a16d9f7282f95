/**
 * Opening a stream to a peer on a connection that works. libp2p hands out an existing
 * connection for a new stream; with two connections to a peer, the one it picks may be
 * closing, or its multiplexer may have closed (the peer said GoAway) while its socket
 * stays open, which libp2p still counts as open and hands out again for every stream.
 */
import type { Connection, PeerId, Stream } from '@libp2p/interface'

/** What pulling needs of the node: a way to open a stream to a peer, and its connections. */
export interface Dialer {
  dialProtocol(
    peer: PeerId,
    protocol: string,
    options?: { signal?: AbortSignal; runOnLimitedConnection?: boolean },
  ): Promise<Stream>
  getConnections(peer: PeerId): Connection[]
}

/** Errors of a connection that closed as a stream was being opened on it. */
const CLOSED_CONNECTION_ERRORS = new Set(['ConnectionClosedError', 'ConnectionClosingError'])

/**
 * Opens a stream of `protocol` to `peer`. A connection that was closing as the stream
 * opened on it (one of two to the peer, say) is no failure of the holder's. Nor is one
 * whose multiplexer closed (the peer said GoAway) while its socket stays open: libp2p
 * counts that one open and hands it out again for every stream. Such connections are
 * ended, and the stream opened on a connection that works, or a new one.
 */
export async function openStream(
  dialer: Dialer,
  peer: PeerId,
  protocol: string,
  signal: AbortSignal | undefined,
): Promise<Stream> {
  // a peer behind a NAT may be reachable only through a relay (a limited connection)
  const options = { signal, runOnLimitedConnection: true }
  try {
    return await dialer.dialProtocol(peer, protocol, options)
  } catch (err) {
    if (!closedConnection(err) || signal?.aborted === true) throw err
  }
  for (const connection of dialer.getConnections(peer)) {
    if (connection.status !== 'open') continue
    try {
      return await connection.newStream(protocol, options)
    } catch (err) {
      if (!closedConnection(err)) throw err
      connection.abort(err as Error)
    }
  }
  return dialer.dialProtocol(peer, protocol, options)
}

function closedConnection(err: unknown): boolean {
  return CLOSED_CONNECTION_ERRORS.has((err as Error | undefined)?.name ?? '')
}
