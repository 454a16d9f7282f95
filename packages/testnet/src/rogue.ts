/**
 * A rogue node for tests: a real libp2p node of the collective (in the test's process)
 * that lies. It forges announcements in another organisation's name, sends malformed and
 * oversized gossip, claims to hold logs it does not, and answers sync requests with
 * forged entries: signed by the wrong key, tampered after signing, or carrying invalid
 * and oversized records signed by its own key. Honest nodes must refuse all of it.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dagCbor from '@ipld/dag-cbor'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import {
  Entry,
  Identities,
  type Identity,
  KeyStore,
  type LogEntry,
  MemoryStorage,
} from '@orbitdb/core'
import { createNetwork, gossipPeersOf, type Network } from '@polder/net'
import { encodeState } from '@polder/schema'
import { logIdOf, orgKeyOf, publicKeyHexOf } from '@polder/store'
import { encodeAnnouncement, encodeHeads, headsTopic, orgsTopic, syncProtocol } from '@polder/sync'

import { floodFreshSigners, floodSybilAnnouncements } from './sybils.js'

/** What the rogue sends when asked for a log. */
export type Forgery =
  /** entries for the asked log, signed by the rogue's key: a writer the log does not allow */
  | 'wrong-writer'
  /** entries claiming the organisation's key, with the rogue's signature */
  | 'bad-signature'
  /** entries of the rogue's own log, validly signed, carrying a record that is not valid */
  | 'invalid-record'
  /** entries of the rogue's own log, validly signed, carrying a record over the size limit */
  | 'oversized-record'
  /** one message larger than the protocol allows */
  | 'oversized-message'
  /** a holder that claims the log and then refuses to serve it */
  | 'refuse'
  /** a holder that claims the log, answers with its meta, then never sends a batch */
  | 'stall'
  /**
   * a holder that claims the log, answers with its meta, then resets the stream: what a
   * peer on a starved machine or a dropping connection looks like, not proof of a liar
   */
  | 'reset'

const BITSWAP = '/ipfs/bitswap/1.2.0'
/** CID prefix of a raw block: version 1, codec raw (0x55), sha2-256 (0x12), 32 bytes. */
const RAW_PREFIX = Uint8Array.from([0x01, 0x55, 0x12, 0x20])

const varint = (value: number): number[] => {
  const out: number[] = []
  let rest = value
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80)
    rest >>>= 7
  }
  out.push(rest)
  return out
}

/** A length-delimited protobuf field (wire type 2). */
const protobufField = (field: number, bytes: Uint8Array): Uint8Array =>
  Uint8Array.from([...varint((field << 3) | 2), ...varint(bytes.length), ...bytes])

/** The hash of an entry nobody wrote: a head no one can serve. */
const fakeHead = async (): Promise<string> =>
  (await Entry.encode({ id: 'fake', payload: Math.random() } as never)).hash

const protobufBytes = (fields: readonly Uint8Array[]): Uint8Array =>
  Uint8Array.from(fields.flatMap((field) => [...field]))

export class RogueNode implements AsyncDisposable {
  readonly did: string
  readonly network: Network
  readonly #home: string
  readonly #identity: Identity
  readonly #collective: string
  readonly #host: string
  forgery: Forgery = 'wrong-writer'
  /** Sync requests answered, by log. */
  readonly requests: string[] = []
  /** What went wrong on the rogue's side while answering (for test failure messages). */
  readonly errors: string[] = []

  private constructor(
    did: string,
    network: Network,
    home: string,
    identity: Identity,
    collective: string,
    host: string,
  ) {
    this.did = did
    this.network = network
    this.#home = home
    this.#identity = identity
    this.#collective = collective
    this.#host = host
  }

  /**
   * @param options.host the loopback address it listens on (127.0.0.1; another of
   *   127.0.0.0/8 to stand for a machine of its own when the node dials it)
   */
  static async create(options: { collective?: string; host?: string } = {}): Promise<RogueNode> {
    const collective = options.collective ?? 'nl-smart-city'
    const host = options.host ?? '127.0.0.1'
    const home = await mkdtemp(join(tmpdir(), 'polder-rogue-'))
    const key = orgKeyOf(await generateKeyPair('Ed25519'))
    // an OrbitDB identity for its key, as an honest node makes one, to sign its lies
    const keystore = await KeyStore({ storage: await MemoryStorage() })
    await keystore.addKey(key.did, { privateKey: key.privateKey.raw })
    await keystore.addKey(publicKeyHexOf(key.did), { privateKey: key.privateKey.raw })
    const identities = await Identities({ keystore, storage: await MemoryStorage() })
    const identity = await identities.createIdentity({ id: key.did })
    const network = await createNetwork({
      home,
      privateKey: key.privateKey,
      listen: [`/ip4/${host}/tcp/0`],
      bootstrap: [],
      collective,
      mdns: false,
      colocationWhitelist: [host],
    })
    const rogue = new RogueNode(key.did, network, home, identity, collective, host)
    const { pubsub } = network.libp2p.services
    pubsub.subscribe(headsTopic(collective))
    pubsub.subscribe(orgsTopic(collective))
    await network.libp2p.handle(syncProtocol(collective), (stream) => rogue.#answer(stream))
    return rogue
  }

  get address(): string {
    const address = this.network.libp2p
      .getMultiaddrs()
      .find((a) => a.toString().includes(`/${this.#host}/`))
    if (address === undefined) throw new Error(`the rogue has no ${this.#host} address`)
    return address.toString()
  }

  /** Announces itself as another organisation, with a profile naming it as the rogue likes. */
  async forgeAnnouncement(victim: string, name: string): Promise<void> {
    const profile = {
      kind: 'organization',
      schemaVersion: 1,
      id: '01JD0000000000000000000000',
      author: victim,
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      version: 99,
      languages: ['nl'],
      license: 'CC-BY-4.0',
      title: { nl: name },
      orgType: 'municipality',
    }
    let data: Uint8Array
    try {
      data = encodeAnnouncement(victim, [], profile as never)
    } catch {
      // if the profile does not even encode, the lie goes out without it
      data = encodeAnnouncement(victim, [], undefined)
    }
    await this.#publish(orgsTopic(this.#collective), data)
  }

  /** Sends garbage and an oversized message on both topics. */
  async sendGarbage(): Promise<void> {
    for (const topic of [headsTopic(this.#collective), orgsTopic(this.#collective)]) {
      await this.#publish(topic, new TextEncoder().encode('not cbor at all'))
      await this.#publish(topic, dagCbor.encode({ v: 1, logs: 'nope', did: 42 }))
      await this.#publish(topic, new Uint8Array(400 * 1024).fill(7))
    }
  }

  /** Announces `count` invented organisations, each signed by a fresh key, to `address`. */
  floodSybils(address: string, count: number): Promise<number> {
    return floodSybilAnnouncements(this.network.libp2p, address, orgsTopic(this.#collective), count)
  }

  /**
   * Sends `address` `count` heads messages claiming `did`'s log at heads nobody has, each
   * signed by a fresh key: useless heads from peers that will never serve them. Resolves
   * to how many were sent before the node closed the stream, if it did.
   */
  floodUselessHeads(address: string, did: string, count: number): Promise<number> {
    return floodFreshSigners(
      this.network.libp2p,
      address,
      headsTopic(this.#collective),
      count,
      async () => encodeHeads([{ did, heads: [await fakeHead()] }]),
    )
  }

  /** Claims to hold `did`'s log at a head nobody has, so that followers ask the rogue. */
  async claimLog(did: string): Promise<void> {
    await this.#publish(
      headsTopic(this.#collective),
      encodeHeads([{ did, heads: [await fakeHead()] }]),
    )
  }

  /** Pushes forged entries for `did`'s log inside a heads message, as a live update would. */
  async pushForged(did: string): Promise<void> {
    const forged = await this.#forged(did)
    await this.#publish(
      headsTopic(this.#collective),
      encodeHeads([{ did, heads: forged.heads, entries: forged.entries }]),
    )
  }

  async #publish(topic: string, data: Uint8Array): Promise<void> {
    // a rogue says each lie once: it waits until gossipsub has its stream to every subscriber
    // (opened once identify told it their protocols, after their subscriptions came in)
    const pubsub = this.network.libp2p.services.pubsub
    const peers = gossipPeersOf(pubsub)
    const deadline = Date.now() + 10_000
    while (
      !pubsub.getSubscribers(topic).every((peer) => peers.hasOutboundStream(peer.toString())) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 20))
    await pubsub.publish(topic, data).catch(() => undefined)
  }

  async #forged(
    log: string,
  ): Promise<{ entries: Uint8Array[]; identities: Uint8Array[]; heads: string[] }> {
    const state = (title: string) => ({
      kind: 'practice',
      schemaVersion: 1,
      id: '01JD0000000000000000000001',
      author:
        this.forgery === 'invalid-record' || this.forgery === 'oversized-record' ? this.did : log,
      created: '2026-01-01T00:00:00.000Z',
      updated: '2026-01-01T00:00:00.000Z',
      version: 1,
      languages: ['nl'],
      license: 'CC-BY-4.0',
      title: { nl: title },
      status: 'pilot',
    })
    let logId = logIdOf(log)
    let payloadStates: Uint8Array[]
    switch (this.forgery) {
      case 'invalid-record':
        logId = logIdOf(this.did)
        // a status no vocabulary has, as canonical CBOR
        payloadStates = [dagCbor.encode({ ...state('Vals'), status: 'hacked' })]
        break
      case 'oversized-record':
        logId = logIdOf(this.did)
        payloadStates = [
          dagCbor.encode({ ...state('Groot'), summary: { nl: 'x'.repeat(300 * 1024) } }),
        ]
        break
      default:
        payloadStates = [encodeStateLoosely(state('Vervalst record'))]
    }
    const entry: LogEntry = await Entry.create(this.#identity, logId, {
      v: 1,
      states: payloadStates,
    })
    let signed = entry
    if (this.forgery === 'bad-signature') {
      // claim the organisation's key; the signature stays the rogue's
      const key = publicKeyHexOf(log)
      signed = { ...entry, key, clock: { ...entry.clock, id: key } }
    }
    const { hash, bytes } = await Entry.encode(signed)
    return { entries: [bytes], identities: [this.#identity.bytes], heads: [hash] }
  }

  async #answer(stream: Stream): Promise<void> {
    const lp = lpStream(stream, { maxDataLength: 64 * 1024 * 1024 })
    try {
      const request = dagCbor.decode((await lp.read()).subarray()) as { log: string }
      this.requests.push(request.log)
      if (this.forgery === 'refuse') {
        await lp.write(dagCbor.encode({ t: 'refused', code: 'unavailable', message: 'not today' }))
      } else if (this.forgery === 'stall') {
        await lp.write(dagCbor.encode({ t: 'meta', heads: ['zdpuFake'], entries: 3_000 }))
        // and then nothing: the stream stays open until the asker gives up
        await new Promise<void>((resolve) => stream.addEventListener('close', () => resolve()))
      } else if (this.forgery === 'reset') {
        await lp.write(dagCbor.encode({ t: 'meta', heads: ['zdpuFake'], entries: 3_000 }))
        stream.abort(new Error('reset, as a dropping connection does'))
        return
      } else if (this.forgery === 'oversized-message') {
        await lp.write(dagCbor.encode({ t: 'meta', heads: ['zdpuFake'], entries: 1 }))
        await lp.write(
          dagCbor.encode({
            t: 'batch',
            entries: [new Uint8Array(5 * 1024 * 1024)],
            identities: [],
          }),
        )
      } else {
        const forged = await this.#forged(request.log)
        await lp.write(
          dagCbor.encode({ t: 'meta', heads: forged.heads, entries: forged.entries.length }),
        )
        await lp.write(
          dagCbor.encode({ t: 'batch', entries: forged.entries, identities: forged.identities }),
        )
        await lp.write(dagCbor.encode({ t: 'end' }))
      }
      await stream.close()
    } catch (err) {
      this.errors.push(String(err))
      stream.abort(err as Error)
    }
  }

  /**
   * Sends `count` bitswap blocks the victim never asked for, as a peer serving wrong data
   * would (a wrong block for a wanted CID is a block of another CID): random bytes in
   * bitswap 1.2.0 messages, one block each, framed as bitswap frames them.
   */
  async sendBlocks(address: string, count: number): Promise<void> {
    const stream = await this.network.libp2p.dialProtocol(multiaddr(address), BITSWAP)
    const lp = lpStream(stream)
    for (let i = 0; i < count; i++) {
      // Block { prefix = CIDv1, raw, sha2-256, 32 bytes; data }, as field 3 of a Message
      const data = randomBytes(64)
      const block = protobufBytes([protobufField(1, RAW_PREFIX), protobufField(2, data)])
      await lp.write(protobufField(3, block))
    }
    await stream.close()
  }

  async dispose(): Promise<void> {
    await this.network.stop()
    await rm(this.#home, { recursive: true, force: true })
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}

/** The canonical bytes of a state, or plain CBOR if the state does not validate. */
function encodeStateLoosely(state: unknown): Uint8Array {
  try {
    return encodeState(state)
  } catch {
    return dagCbor.encode(state)
  }
}
