/**
 * kad-dht's wire messages (its `dht.proto`: type, key, closer peers, providers), enough for
 * tests and benches to ask a node as another node's walk does (one request on a stream of its
 * own, then close) and to answer one. kad-dht does not export its codec.
 */
import type { Libp2p, PeerId, Stream } from '@libp2p/interface'
import { pbStream } from '@libp2p/utils'
import type { Multiaddr } from '@multiformats/multiaddr'
import { varint as unsignedVarint } from 'multiformats'
import { Uint8ArrayList } from 'uint8arraylist'

export const ADD_PROVIDER = 2
export const GET_PROVIDERS = 3
export const FIND_NODE = 4

export interface DhtPeer {
  readonly id: Uint8Array
  readonly multiaddrs: readonly Uint8Array[]
}

export interface DhtMessage {
  readonly type: number
  readonly key?: Uint8Array
  readonly closer: readonly DhtPeer[]
  readonly providers: readonly DhtPeer[]
}

function varint(value: number): number[] {
  const bytes = new Uint8Array(unsignedVarint.encodingLength(value))
  unsignedVarint.encodeTo(value, bytes)
  return [...bytes]
}

const field = (tag: number, bytes: Uint8Array): number[] => [
  ...varint((tag << 3) | 2),
  ...varint(bytes.length),
  ...bytes,
]

const encodePeer = (peer: DhtPeer): Uint8Array =>
  Uint8Array.from([...field(1, peer.id), ...peer.multiaddrs.flatMap((ma) => field(2, ma))])

function encode(message: DhtMessage): Uint8Array {
  return Uint8Array.from([
    ...varint(1 << 3),
    ...varint(message.type),
    ...(message.key === undefined ? [] : field(2, message.key)),
    ...message.closer.flatMap((peer) => field(8, encodePeer(peer))),
    ...message.providers.flatMap((peer) => field(9, encodePeer(peer))),
  ])
}

/** The fields of a message: tag -> values (a varint as a number, bytes as bytes). */
function fields(bytes: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const found = new Map<number, (number | Uint8Array)[]>()
  let at = 0
  const readVarint = (): number => {
    const [value, length] = unsignedVarint.decode(bytes, at)
    at += length
    return value
  }
  while (at < bytes.length) {
    const key = readVarint()
    const tag = Math.floor(key / 8)
    const values = found.get(tag) ?? []
    found.set(tag, values)
    if ((key & 7) === 0) values.push(readVarint())
    else {
      const length = readVarint()
      values.push(bytes.subarray(at, at + length))
      at += length
    }
  }
  return found
}

const bytesOf = (values: (number | Uint8Array)[] | undefined): Uint8Array[] =>
  (values ?? []).filter((value): value is Uint8Array => value instanceof Uint8Array)

function decodePeer(bytes: Uint8Array): DhtPeer {
  const found = fields(bytes)
  return { id: bytesOf(found.get(1))[0] ?? new Uint8Array(), multiaddrs: bytesOf(found.get(2)) }
}

function decode(data: Uint8Array | Uint8ArrayList): DhtMessage {
  const found = fields(data instanceof Uint8ArrayList ? data.subarray() : data)
  const key = bytesOf(found.get(2))[0]
  return {
    type: Number(found.get(1)?.[0] ?? 0),
    ...(key === undefined ? {} : { key }),
    closer: bytesOf(found.get(8)).map(decodePeer),
    providers: bytesOf(found.get(9)).map(decodePeer),
  }
}

const codec = { encode, decode }

/** Sends `request` to `peer` on a new stream of `protocol` and reads the answer (none for ADD_PROVIDER). */
export async function askDht(
  from: Libp2p,
  peer: PeerId | Multiaddr,
  protocol: string,
  request: Omit<DhtMessage, 'closer' | 'providers'> & Partial<DhtMessage>,
): Promise<DhtMessage | undefined> {
  const stream = await from.dialProtocol(peer, protocol)
  try {
    const messages = pbStream(stream)
    await messages.write({ closer: [], providers: [], ...request }, codec)
    const answer = request.type === ADD_PROVIDER ? undefined : await messages.read(codec)
    await stream.close()
    return answer
  } catch (error) {
    stream.abort(error instanceof Error ? error : new Error(String(error)))
    throw error
  }
}

/** Reads one request from `stream` and answers it with what `answer` gives. */
export async function answerDht(
  stream: Stream,
  answer: (request: DhtMessage) => Pick<DhtMessage, 'closer' | 'providers'>,
): Promise<void> {
  const messages = pbStream(stream)
  const request = await messages.read(codec)
  await messages.write({ type: request.type, ...answer(request) }, codec)
  await stream.close()
}
