/**
 * The directory handed to a joining node directly, on `/polder/<collective>/directory/1.0.0`.
 * A node that joins (its first peer on the topics, after none) asks that peer, over one
 * stream, for what it knows: the newest signed announcement it heard of every
 * organisation (gossipsub's own signed bytes, signed-gossip.ts's `encodeSigned`), its own announcement
 * (the stream's peer is authenticated by the connection), and the signed profile entries
 * of the logs it holds that no announcement covers. The joiner checks each as if gossip
 * had brought it. Before, the joiner said hello to the whole collective and every member
 * answered with an announcement to everyone: N messages to N nodes per join, N² for the
 * collective; now one stream of N frames.
 */
import type { Connection, PeerId, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { openStream } from '@polder/net'
import { MAX_ANNOUNCEMENT_BYTES, MAX_KNOWN_ORGS } from './announce.js'
import {
  type DirectoryFrame,
  decodeFrame,
  encodeFrame,
  type HeardAnnouncements,
} from './directory-frames.js'
import { ProtocolError } from './errors.js'
import type { SyncLibp2p } from './libp2p.js'
import { RateLimit } from './rate-limit.js'
import { turnIfDue } from './turns.js'

export const directoryProtocol = (collective: string): string =>
  `/polder/${collective}/directory/1.0.0`

/** A frame: the largest announcement with its signature and envelope. */
const MAX_FRAME_BYTES = MAX_ANNOUNCEMENT_BYTES + 4 * 1024
/** Frames one answer holds at most: every known organisation, and a profile of each. */
export const MAX_FRAMES = 2 * MAX_KNOWN_ORGS
/** Answers one peer may ask for per minute (a joining node asks once). */
const ANSWERS_PER_PEER = 4
/** How long a whole answer may take. */
const ANSWER_TIMEOUT_MS = 30_000

/** What the exchange reads from and hands to the announcer and the profile relay. */
export interface DirectorySource {
  /** Signed announcements kept. */
  readonly announcements: HeardAnnouncements
  /** This node's own announcement: signed, or unsigned (the stream says whose it is). */
  ownAnnouncement(): Promise<DirectoryFrame>
  /** Relayed-profile messages of logs held here whose organisation `covered` leaves out. */
  profiles(covered: (did: string) => boolean): AsyncIterable<Uint8Array>
}

export interface DirectorySink {
  /** A signed announcement checked by its signature, handed on by `via`. */
  signed(bytes: Uint8Array, via: PeerId): Promise<void>
  /** `via`'s own announcement. */
  own(bytes: Uint8Array, via: PeerId): Promise<void>
  /** A relayed profile of a log `via` holds. */
  profile(bytes: Uint8Array, via: PeerId): Promise<void>
}

export interface DirectoryExchangeInit {
  readonly libp2p: SyncLibp2p
  readonly collective: string
  readonly source: DirectorySource
  readonly sink: DirectorySink
}

export class DirectoryExchange {
  readonly #libp2p: SyncLibp2p
  readonly #protocol: string
  readonly #source: DirectorySource
  readonly #sink: DirectorySink
  readonly #rate = new RateLimit(ANSWERS_PER_PEER, 60_000)

  constructor(init: DirectoryExchangeInit) {
    this.#libp2p = init.libp2p
    this.#protocol = directoryProtocol(init.collective)
    this.#source = init.source
    this.#sink = init.sink
  }

  async start(): Promise<void> {
    await this.#libp2p.handle(
      this.#protocol,
      (stream, connection) => this.#answer(stream, connection),
      {
        maxInboundStreams: 2,
        runOnLimitedConnection: true,
      },
    )
  }

  async stop(): Promise<void> {
    await this.#libp2p.unhandle(this.#protocol).catch(() => undefined)
  }

  async #answer(stream: Stream, connection: Connection): Promise<void> {
    if (!this.#rate.allow(connection.remotePeer.toString())) {
      stream.abort(new ProtocolError('asked for the directory too often'))
      return
    }
    const lp = lpStream(stream, { maxDataLength: MAX_FRAME_BYTES })
    const signal = AbortSignal.timeout(ANSWER_TIMEOUT_MS)
    try {
      const send = async (frame: DirectoryFrame) => {
        await lp.write(encodeFrame(frame), { signal })
        await turnIfDue()
      }
      await send(await this.#source.ownAnnouncement())
      const { announcements } = this.#source
      for (const bytes of [...announcements.values()]) await send({ t: 'signed', m: bytes })
      for await (const bytes of this.#source.profiles((did) => announcements.has(did)))
        await send({ t: 'profile', m: bytes })
      await stream.close()
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }

  /**
   * Asks `peer` for its directory and hands every frame to the sink, one after another;
   * how many frames came. Throws when the peer does not speak the protocol or breaks it.
   */
  async fetch(peer: PeerId, options: { signal?: AbortSignal } = {}): Promise<number> {
    const signal = AbortSignal.any([
      AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      ...(options.signal === undefined ? [] : [options.signal]),
    ])
    const stream = await openStream(this.#libp2p, peer, this.#protocol, { signal })
    const lp = lpStream(stream, { maxDataLength: MAX_FRAME_BYTES })
    let frames = 0
    try {
      while (frames < MAX_FRAMES) {
        let bytes: Uint8Array
        try {
          bytes = (await lp.read({ signal })).subarray()
        } catch (err) {
          // the answer ends when the peer closes its side
          if ((err as Error).name === 'UnexpectedEOFError') break
          throw err
        }
        const frame = decodeFrame(bytes)
        frames++
        if (frame.t === 'signed') await this.#sink.signed(frame.m, peer)
        else if (frame.t === 'own') await this.#sink.own(frame.m, peer)
        else await this.#sink.profile(frame.m, peer)
        await turnIfDue()
      }
      await stream.close().catch(() => undefined)
      return frames
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
      throw err
    }
  }
}
