/**
 * A muxer writes nothing after its goodbye: a frame it would write while its connection is
 * closing is dropped instead of aborting the connection.
 *
 * libp2p closes a connection in two steps (libp2p's `connection.js` `close`): the muxer
 * closes its streams and says goodbye (yamux's GoAway), then the TCP connection ends its
 * writable side and waits for the peer's end. Meanwhile it still reads, and yamux answers
 * what it reads: a ping frame (`handlePing`), a new stream of the peer (a reset). That
 * answer goes to a TCP stream that is `closing`, whose `send` throws `StreamStateError`;
 * noise's stream aborts on it and so does the muxer, which reads in a `try`
 * (`@libp2p/utils` abstract-message-stream.js, abstract-stream-muxer.js): a clean close
 * ended as an abort. Each end of a new connection pings it at once (connection-watch.ts),
 * so a connection closed right after its dial met it whenever the peer's ping came after
 * the dial returned: the dial awaits a peer-store write (`dial-queue.js`), quick in memory,
 * a LevelDB round trip on disk. Nothing written after the goodbye could reach the peer.
 */
import type { AbortOptions, StreamMuxer, StreamMuxerFactory } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

/** What of a muxer is wrapped: its close and its write to the connection. */
export interface SendingMuxer {
  close(options?: AbortOptions): Promise<void>
  send(data: Uint8Array | Uint8ArrayList): boolean
}

/** `muxer`'s writes dropped once its close has ended (its goodbye sent). */
export function dropWritesAfterClose(muxer: SendingMuxer): void {
  let closed = false
  const close = muxer.close.bind(muxer)
  const send = muxer.send.bind(muxer)
  muxer.close = async (options) => {
    try {
      await close(options)
    } finally {
      closed = true
    }
  }
  // `true`: no back pressure to wait for, the connection is ending
  muxer.send = (data) => (closed ? true : send(data))
}

/** The muxers `factory` makes, each writing nothing after its close. */
export function closingWritesDropped<C, M extends StreamMuxer & SendingMuxer>(
  factory: (components: C) => StreamMuxerFactory<M>,
): (components: C) => StreamMuxerFactory<M> {
  return (components) => {
    const muxers = factory(components)
    const create = muxers.createStreamMuxer.bind(muxers)
    muxers.createStreamMuxer = (connection) => {
      const muxer = create(connection)
      dropWritesAfterClose(muxer)
      return muxer
    }
    return muxers
  }
}
