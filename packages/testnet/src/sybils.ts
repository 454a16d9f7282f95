/**
 * Sybil announcements: "I am a new organisation", each signed by a fresh key, as a rogue
 * relay would pass them on from thousands of invented identities. Written as raw gossipsub
 * messages on a stream of the rogue's own, so one process can forge any number of signers.
 */
import { generateKeyPair, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { RPC } from '@libp2p/gossipsub/message'
import type { Libp2p } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import { orgKeyOf } from '@polder/store'
import { encodeAnnouncement } from '@polder/sync'

const GOSSIPSUB = '/meshsub/1.2.0'
/** What gossipsub signs before the message (the libp2p pubsub spec). */
const SIGN_PREFIX = new TextEncoder().encode('libp2p-pubsub:')

/** Sends `count` announcements of invented organisations to `address` on `topic`. */
export function floodSybilAnnouncements(
  libp2p: Libp2p,
  address: string,
  topic: string,
  count: number,
): Promise<number> {
  return floodFreshSigners(libp2p, address, topic, count, (did) =>
    encodeAnnouncement(did, [], undefined),
  )
}

/**
 * Sends `count` gossip messages on `topic` to `address`, each signed by a fresh key (whose
 * DID `dataFor` gets), as if the rogue passed them on from that many peers. Stops early
 * when the node closes the stream (it cut the rogue off); resolves to how many were sent.
 */
export async function floodFreshSigners(
  libp2p: Libp2p,
  address: string,
  topic: string,
  count: number,
  dataFor: (did: string, index: number) => Uint8Array | Promise<Uint8Array>,
): Promise<number> {
  const stream = await libp2p.dialProtocol(multiaddr(address), GOSSIPSUB)
  const lp = lpStream(stream)
  let seqno = BigInt(Date.now()) * 1_000_000n
  for (let i = 0; i < count; i++) {
    const privateKey = await generateKeyPair('Ed25519')
    const { did } = orgKeyOf(privateKey)
    const sequence = new Uint8Array(8)
    new DataView(sequence.buffer).setBigUint64(0, ++seqno, false)
    const message = {
      from: peerIdFromPrivateKey(privateKey).toMultihash().bytes,
      data: await dataFor(did, i),
      seqno: sequence,
      topic,
    }
    const signed = new Uint8Array([...SIGN_PREFIX, ...RPC.Message.encode(message)])
    const signature = await privateKey.sign(signed)
    try {
      await lp.write(
        RPC.encode({
          subscriptions: [],
          messages: [{ ...message, signature, key: publicKeyToProtobuf(privateKey.publicKey) }],
        }),
      )
    } catch {
      // the node closed the stream or the connection: the flood is over for this rogue
      return i
    }
  }
  await stream.close().catch(() => undefined)
  return count
}
