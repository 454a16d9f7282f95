/**
 * TCP writes gathered into one system call per turn of the event loop.
 *
 * `@libp2p/tcp` writes each piece of what noise hands it with its own `socket.write`: the
 * 2-byte length of a noise frame, each piece of its ciphertext (one per piece of the yamux
 * frame: the 12-byte header, the slices of the blocks), the 16-byte tag. Each is a `write`
 * system call, and on loopback each one runs the receiver's TCP stack too: 100 MB of blocks
 * left a node in ~11,000 writes, and the fetching node's small frames (wants, window
 * updates, stream openings) took ~6,500 more. Here the socket is corked while libp2p
 * writes and uncorked at the end of the turn, so Node.js hands everything written in
 * between to the kernel in one `writev`. The bytes and their order are unchanged.
 *
 * It wraps the connection encrypter, which libp2p hands the raw connection (its
 * `MultiaddrConnection`) before anything else is written on it but the encrypter's
 * protocol negotiation. Connections without a corkable socket (WebSockets, relayed
 * streams) are left as they are.
 */
import type {
  ConnectionEncrypter,
  MessageStream,
  SecureConnectionOptions,
  SecuredConnection,
} from '@libp2p/interface'

/** What of `@libp2p/tcp`'s connection this reaches: its socket, and its `sendData`. */
interface CorkableConnection {
  readonly socket: {
    cork(): void
    uncork(): void
    readonly writableCorked: number
    readonly destroyed: boolean
  }
  sendData(data: unknown): unknown
}

const isCorkable = (value: unknown): value is CorkableConnection => {
  const connection = value as Partial<CorkableConnection> | undefined
  return (
    typeof connection?.sendData === 'function' &&
    typeof connection.socket?.cork === 'function' &&
    typeof connection.socket.uncork === 'function'
  )
}

/** Makes a TCP connection's writes of one turn one `writev`; false if it has no socket to cork. */
export function corkWrites(connection: unknown): boolean {
  if (!isCorkable(connection)) return false
  const { socket } = connection
  const sendData = connection.sendData.bind(connection)
  let corked = false
  const uncork = () => {
    corked = false
    socket.uncork()
  }
  connection.sendData = (data: unknown) => {
    if (!corked && !socket.destroyed) {
      corked = true
      socket.cork()
      // after the synchronous work that is writing now: the frames of one send go together
      process.nextTick(uncork)
    }
    return sendData(data)
  }
  return true
}

type EncrypterFactory<C> = (components: C) => ConnectionEncrypter

/** The encrypter `factory` makes, with each TCP connection's writes corked ({@link corkWrites}). */
export function withCorkedWrites<C>(factory: EncrypterFactory<C>): EncrypterFactory<C> {
  return (components) => {
    const encrypter = factory(components)
    const secureInbound = encrypter.secureInbound.bind(encrypter)
    const secureOutbound = encrypter.secureOutbound.bind(encrypter)
    encrypter.secureInbound = (
      connection: MessageStream,
      options?: SecureConnectionOptions,
    ): Promise<SecuredConnection> => {
      corkWrites(connection)
      return secureInbound(connection, options)
    }
    encrypter.secureOutbound = (
      connection: MessageStream,
      options?: SecureConnectionOptions,
    ): Promise<SecuredConnection> => {
      corkWrites(connection)
      return secureOutbound(connection, options)
    }
    return encrypter
  }
}
