/**
 * Bitswap messages sent on the peer's open connection, relayed ones included, and their
 * blocks without copies (`bitswap-frames.ts`).
 *
 * It replaces the bitswap network's `sendMessage`, doing what `@helia/bitswap` (3.x) does
 * there (a message for a peer whose send is still queued joins it; one stream per send, in
 * the same send queue, with the same time limit and counters) but with the stream opened
 * by {@link openStream}: bitswap's `dialProtocol` reuses only unlimited connections, so a
 * node behind a NAT, connected through a relay, got no want-list and sent no block (it
 * dialled a private address, or the relay again, and the stream was refused on the limited
 * connection). The parts are encoded as lists of the blocks' own bytes, and the first one
 * is smaller ({@link FIRST_MESSAGE_BLOCK_BYTES}); a message without blocks encodes as
 * bitswap's own. It reaches into the network's `sendQueue`, `libp2p`,
 * `maxOutgoingMessageSize`, `messageSendTimeout` and `_updateSentStats`; if a later
 * version lacks them, nothing is changed.
 */
import type { AbortOptions, PeerId } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { encodeParts, type OutgoingMessage } from './bitswap-frames.js'
import { openStream, type StreamOpener } from './peer-stream.js'

const BITSWAP_120 = '/ipfs/bitswap/1.2.0'

/**
 * Bytes of blocks in the first message of a send. The receiver's bitswap handles a message
 * only once all of it has arrived, so in bitswap's parts of 4 MiB a fetch's first block
 * waited for the fifteen after it (through a fresh stream's yamux window of 256 KiB, a
 * round trip per window until it grows). The first 256 KiB leaf now goes alone, the rest
 * in bitswap's parts: in parts of one block each the rest came later (a turn per message).
 */
export const FIRST_MESSAGE_BLOCK_BYTES = 262_144

type SendOptions = AbortOptions & { onProgress?: (event: Event) => void }
type JobOptions = SendOptions & { peerId?: PeerId; message?: OutgoingMessage }

interface SendJob {
  readonly status: string
  readonly options: JobOptions
  join(options?: AbortOptions): Promise<unknown>
}

interface BitswapNetwork {
  readonly running: boolean
  readonly messageSendTimeout: number
  readonly maxOutgoingMessageSize: number
  readonly libp2p: StreamOpener
  readonly sendQueue: {
    readonly queue: SendJob[]
    add(run: (options: JobOptions) => Promise<void>, options: JobOptions): Promise<void>
  }
  sendMessage(peer: PeerId, message: OutgoingMessage, options?: SendOptions): Promise<void>
  _updateSentStats(blocks: OutgoingMessage['blocks']): void
}

const isNetwork = (value: unknown): value is BitswapNetwork => {
  const network = value as Partial<BitswapNetwork> | undefined
  return (
    typeof network?.sendMessage === 'function' &&
    typeof network._updateSentStats === 'function' &&
    typeof network.libp2p?.getConnections === 'function' &&
    typeof network.libp2p.dial === 'function' &&
    Array.isArray(network.sendQueue?.queue) &&
    typeof network.sendQueue?.add === 'function' &&
    typeof network.maxOutgoingMessageSize === 'number' &&
    typeof network.messageSendTimeout === 'number'
  )
}

/** `later` merged into `into`, as bitswap's `mergeMessages` does. */
export function mergeInto(into: OutgoingMessage, later: OutgoingMessage): OutgoingMessage {
  for (const [key, entry] of later.wantlist) {
    const earlier = into.wantlist.get(key)
    into.wantlist.set(
      key,
      earlier === undefined
        ? entry
        : {
            ...entry,
            priority: Math.max(earlier.priority ?? 0, entry.priority ?? 0),
            cancel: entry.cancel ?? earlier.cancel,
            wantType: entry.wantType ?? earlier.wantType,
            sendDontHave: entry.sendDontHave ?? earlier.sendDontHave,
          },
    )
  }
  for (const [key, presence] of later.blockPresences) into.blockPresences.set(key, presence)
  for (const [key, block] of later.blocks) into.blocks.set(key, block)
  if (later.full === true) into.full = true
  return into
}

/** An unsigned varint: the length prefix of each message on a bitswap stream. */
function lengthPrefix(length: number): Uint8Array {
  const bytes: number[] = []
  while (length >= 0x80) {
    bytes.push((length % 128) | 0x80)
    length = Math.floor(length / 128)
  }
  bytes.push(length)
  return Uint8Array.from(bytes)
}

/**
 * Writes `messages` on one bitswap stream to `peer`, each as soon as the source gives it,
 * every part of one at most `maxOutgoingMessageSize`; the first part of the first message
 * holds at most `firstBlockBytes` of blocks.
 */
async function writeMessages(
  network: BitswapNetwork,
  peer: PeerId,
  messages: AsyncIterable<OutgoingMessage> | Iterable<OutgoingMessage>,
  options: SendOptions,
  firstBlockBytes: number,
): Promise<void> {
  options.onProgress?.(new CustomEvent('bitswap:send-wantlist', { detail: peer }))
  const stream = await openStream(network.libp2p, peer, BITSWAP_120, options)
  await stream.closeRead(options)
  let first = true
  try {
    for await (const message of messages) {
      const limit = first ? firstBlockBytes : network.maxOutgoingMessageSize
      first = false
      for (const part of encodeParts(message, network.maxOutgoingMessageSize, limit)) {
        if (!stream.send(new Uint8ArrayList(lengthPrefix(part.byteLength), part))) {
          await stream.onDrain(options)
        }
      }
      network._updateSentStats(message.blocks)
    }
    await stream.close(options)
  } catch (err) {
    // as bitswap does: the stream is dropped, the peer will ask again
    options.onProgress?.(
      new CustomEvent('bitswap:send-wantlist:error', { detail: { peer, error: err } }),
    )
    stream.abort(err as Error)
  }
}

/** A bitswap network whose sends this module can take over; undefined if not one. */
export type LeanNetwork = BitswapNetwork

export const leanNetwork = (value: unknown): LeanNetwork | undefined =>
  isNetwork(value) ? value : undefined

/**
 * Sends `messages` to `peer` on one stream, in bitswap's send queue (its concurrency, its
 * time limit), writing each as soon as the source yields it: the source may still be
 * reading the blocks of the next. Never merged with another send.
 */
export async function sendStreamed(
  network: LeanNetwork,
  peer: PeerId,
  messages: AsyncIterable<OutgoingMessage>,
  options: SendOptions = {},
): Promise<void> {
  if (!network.running) throw new Error("network isn't running")
  await network.sendQueue.add(
    (job) => writeMessages(network, peer, messages, job, FIRST_MESSAGE_BLOCK_BYTES),
    {
      onProgress: options.onProgress,
      peerId: peer,
      signal: options.signal ?? AbortSignal.timeout(network.messageSendTimeout),
    },
  )
}

/**
 * Makes the bitswap network send on open connections, relayed ones included, and blocks
 * without copying them; false if it could not.
 */
export function sendOnOpenConnections(network: unknown): boolean {
  if (!isNetwork(network)) return false
  network.sendMessage = async (peer, message, options) => {
    if (!network.running) throw new Error("network isn't running")
    const queued = network.sendQueue.queue.find(
      (job) => job.status === 'queued' && job.options.peerId?.equals(peer) === true,
    )
    if (queued?.options.message !== undefined) {
      mergeInto(queued.options.message, message)
      await queued.join(options)
      return
    }
    const send = (job: JobOptions) =>
      writeMessages(network, peer, [job.message ?? message], job, FIRST_MESSAGE_BLOCK_BYTES)
    await network.sendQueue.add(send, {
      onProgress: options?.onProgress,
      peerId: peer,
      signal: options?.signal ?? AbortSignal.timeout(network.messageSendTimeout),
      message,
    })
  }
  return true
}
