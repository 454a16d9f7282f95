/**
 * The sync protocol, `/polder/<collective>/sync/1.0.0`: a follower pulls the part of a
 * log it lacks from any peer that holds it, in bulk. One stream per pull; the holder
 * streams batches oldest first and the follower joins each as it arrives (verified
 * entry by entry, all or nothing per batch), so a long catch-up makes progress even if
 * the connection drops halfway.
 */
import type { Connection, PeerId, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { openStream, type StreamOpener } from '@polder/net'
import { type BlockCheck, InvalidEntryError, MissingPastError, type Store } from '@polder/store'
import {
  HolderStalledError,
  HolderTooSlowError,
  JoinFailedError,
  PeerMisbehavedError,
  ProtocolError,
  SyncRefusedError,
} from './errors.js'
import { diffLog, logSummary, readBatches } from './log-diff.js'
import { patientTimeout } from './patient-timeout.js'
import {
  BATCH_WINDOW,
  decodeAck,
  decodeMessage,
  decodeRequest,
  encodeMessage,
  MAX_BUFFER_BYTES,
  MAX_MESSAGE_BYTES,
  type RefusalCode,
  SYNC_VERSION,
  type SyncMessage,
} from './wire.js'

export const syncProtocol = (collective: string): string => `/polder/${collective}/sync/1.0.0`

/** How long either side waits for the other's next message. */
const MESSAGE_TIMEOUT_MS = 15_000
/**
 * The least a holder must send, on average, once a pull has run for a while: a peer that
 * trickles one small batch just inside the message timeout would otherwise hold a log
 * for minutes. A city on a slow line sends far more.
 */
const MIN_BYTES_PER_SECOND = 16 * 1024
const RATE_GRACE_MS = 5_000

/** Decides whether this node serves a log to a peer (it never serves blocked logs). */
export type ServePolicy = (did: string, peer: PeerId) => boolean

/** Answers sync requests from the store. */
export function syncHandler(store: Pick<Store, 'readLog' | 'log'>, policy: ServePolicy) {
  return async (stream: Stream, connection: Connection): Promise<void> => {
    const lp = lpStream(stream, { maxDataLength: MAX_MESSAGE_BYTES })
    const send = (message: SyncMessage) => lp.write(encodeMessage(message))
    const refuse = async (code: RefusalCode, message: string) => {
      await send({ t: 'refused', code, message })
      await stream.close()
    }
    try {
      let request: ReturnType<typeof decodeRequest>
      try {
        request = decodeRequest(
          (await lp.read({ signal: AbortSignal.timeout(MESSAGE_TIMEOUT_MS) })).subarray(),
        )
      } catch (err) {
        if (err instanceof ProtocolError) return await refuse('bad-request', err.message)
        throw err
      }
      const served = policy(request.log, connection.remotePeer)
      // a requester that holds nothing lacks every entry: it is told so before the walk
      // (~30 µs an entry), so that it starts its check workers while this node walks
      const whole =
        served && request.have.length === 0 ? await logSummary(store, request.log) : undefined
      if (whole !== undefined) await send({ t: 'meta', heads: whole.heads, entries: whole.entries })
      const diff = served
        ? await diffLog(store, request.log, request.have, whole?.heads)
        : undefined
      if (diff === undefined && whole === undefined)
        return await refuse('unknown-log', 'this node does not serve that log')
      if (diff === undefined) {
        // dropped since the summary (blocked meanwhile): nothing more of it is sent
        await send({ t: 'end' })
        return await stream.close()
      }
      if (whole === undefined)
        await send({ t: 'meta', heads: diff.heads, entries: diff.missing.length })
      let unacknowledged = 0
      for await (const batch of readBatches(store, request.log, diff)) {
        if (unacknowledged >= BATCH_WINDOW) {
          decodeAck((await lp.read({ signal: AbortSignal.timeout(MESSAGE_TIMEOUT_MS) })).subarray())
          unacknowledged--
        }
        await send({ t: 'batch', entries: batch.entries, identities: batch.identities })
        unacknowledged++
      }
      await send({ t: 'end' })
      await stream.close()
    } catch (err) {
      // the requester went away (it may stop reading once it has what it needs)
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }
}

/** Errors of length-prefixed reading that mean the peer sent a bad or oversized frame. */
const FRAMING_ERRORS = new Set([
  'InvalidDataLengthError',
  'InvalidMessageLengthError',
  'InvalidDataLengthLengthError',
])

export interface PullProgress {
  readonly did: string
  readonly peer: PeerId
  /** Entries the holder said we lack. */
  readonly total: number
  /** Entries received and joined so far. */
  readonly joined: number
}

export interface PullResult {
  /** The holder's heads when it answered. */
  readonly heads: readonly string[]
  /** Entries joined into our log. */
  readonly joined: number
}

/** Pulls from `peer` what our copy of `did`'s log lacks and joins it. */
export async function pullLog(
  libp2p: StreamOpener,
  protocol: string,
  store: Store,
  peer: PeerId,
  did: string,
  options: {
    signal?: AbortSignal
    onProgress?: (progress: PullProgress) => void
    /** Called before each batch is joined; throws (a quota) to stop taking more. */
    beforeBatch?: () => void
  } = {},
): Promise<PullResult> {
  // a peer behind a NAT may be reachable only through a relay: its relayed connection serves
  const stream = await openStream(libp2p, peer, protocol, { signal: options.signal })
  const lp = lpStream(stream, { maxDataLength: MAX_MESSAGE_BYTES, maxBufferSize: MAX_BUFFER_BYTES })
  // batches received: a holder that goes silent after sending some was serving
  let batches = 0
  const next = async (): Promise<SyncMessage> => {
    const timeout = patientTimeout(MESSAGE_TIMEOUT_MS)
    const signal = AbortSignal.any([
      timeout.signal,
      ...(options.signal === undefined ? [] : [options.signal]),
    ])
    let bytes: Uint8Array
    try {
      bytes = (await lp.read({ signal })).subarray()
    } catch (err) {
      if (FRAMING_ERRORS.has((err as Error).name))
        throw new PeerMisbehavedError(
          peer,
          `sent a message over the size limit: ${(err as Error).message}`,
        )
      if (timeout.signal.aborted && options.signal?.aborted !== true)
        throw new HolderStalledError(
          `sent nothing for ${MESSAGE_TIMEOUT_MS / 1000} s after ${batches} batches`,
          batches > 0,
        )
      throw err
    } finally {
      timeout.clear()
    }
    try {
      return decodeMessage(bytes)
    } catch (err) {
      throw new PeerMisbehavedError(
        peer,
        `sent a malformed sync message: ${(err as Error).message}`,
      )
    }
  }
  try {
    await lp.write(encodeMessage({ v: SYNC_VERSION, log: did, have: await store.heads(did) }))
    const meta = await next()
    if (meta.t === 'refused') throw new SyncRefusedError(meta.code, meta.message)
    if (meta.t !== 'meta') throw new PeerMisbehavedError(peer, `sent ${meta.t} before meta`)
    if (await store.hasEntries(did, meta.heads)) {
      // we are at least as far as the holder: nothing to take
      await stream.close()
      return { heads: meta.heads, joined: 0 }
    }
    // each batch's blocks are checked (signatures, records: on the store's workers) as
    // soon as it arrives, while the batch before it is joined
    store.prepareBulkJoin(meta.entries)
    type Received = { message: SyncMessage; checked?: Promise<BlockCheck[]> }
    const receive = (): Promise<Received> =>
      next().then((message) => ({
        message,
        checked: message.t === 'batch' ? store.precheck(did, message.entries) : undefined,
      }))
    let joined = 0
    let received = 0
    // the rate is held from the first batch: before it a holder may walk its log (a cold
    // requester hears the meta first), a wait the message timeout bounds
    let started: number | undefined
    let upcoming = receive()
    for (;;) {
      const { message, checked } = await upcoming
      if (message.t === 'end') break
      if (message.t !== 'batch') throw new PeerMisbehavedError(peer, `sent ${message.t} mid-stream`)
      batches++
      for (const entry of message.entries) received += entry.byteLength
      started ??= Date.now()
      const elapsed = Date.now() - started
      if (elapsed > RATE_GRACE_MS && (received * 1000) / elapsed < MIN_BYTES_PER_SECOND)
        throw new HolderTooSlowError(
          `sent ${Math.round((received * 1000) / elapsed)} bytes/s, less than the ${MIN_BYTES_PER_SECOND} a holder must`,
        )
      upcoming = receive()
      // a failed read ahead surfaces when it is awaited, not as an unhandled rejection
      upcoming.catch(() => undefined)
      options.beforeBatch?.()
      try {
        joined += await store.joinSegment(did, { ...message, checked }, { from: peer.toString() })
      } catch (err) {
        if (!refusedEntries(err))
          throw new JoinFailedError(`could not keep what ${peer} sent: ${(err as Error).message}`, {
            cause: err,
          })
        throw new PeerMisbehavedError(
          peer,
          `sent entries that were refused: ${(err as Error).message}`,
          {
            cause: err,
          },
        )
      }
      await lp.write(encodeMessage({ t: 'ack' }))
      options.onProgress?.({ did, peer, total: meta.entries, joined })
    }
    await stream.close()
    return { heads: meta.heads, joined }
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
    throw err
  }
}

/**
 * Whether a join failed because of what the holder sent: an entry refused, or entries
 * without the past a pull must bring. Anything else (a full disk, a closing store) is
 * this node's own failure.
 */
function refusedEntries(err: unknown): boolean {
  return err instanceof InvalidEntryError || err instanceof MissingPastError
}
