/**
 * Property-based fuzzing of every decoder that takes a peer's bytes: record states, log
 * segments (joined into a real store on SQLite), heads messages, announcements and sync
 * frames, and whole-node archives (imported into that store). Each gets random bytes, valid CBOR of any shape, and valid encodings with bytes
 * changed; it must decode or refuse with one of its named errors. Anything else is a crash,
 * counted (not stopped at) so a run reports how many. For the fault test and the bench.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dagCbor from '@ipld/dag-cbor'
import { createRecord, type Did, decodeState, encodeState } from '@polder/schema'
import { archiveLines, importArchive, linesOf, loadOrCreateKey, Store } from '@polder/store'
import {
  decodeAck,
  decodeAnnouncement,
  decodeHeads,
  decodeMessage,
  decodeRequest,
  encodeAnnouncement,
  encodeHeads,
  encodeMessage,
  peerIdOfDid,
} from '@polder/sync'
import fc from 'fast-check'

export interface FuzzResult {
  readonly decoder: string
  readonly iterations: number
  readonly crashes: number
  /** The first few crashes: the error and the input, hex. */
  readonly examples: readonly string[]
}

export interface FuzzOptions {
  /** Inputs per byte decoder; log segments get a tenth (each is a store transaction). */
  readonly runs: number
  readonly seed?: number
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 256)).toString('hex')

/** Valid encodings with a few bytes changed, cut short or lengthened. */
function mutated(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }))
    .chain(([bytes, changes]) =>
      fc.oneof(
        fc.constant(
          (() => {
            const copy = Uint8Array.from(bytes)
            for (const [at, value] of changes) if (copy.length > 0) copy[at % copy.length] = value
            return copy
          })(),
        ),
        fc.nat({ max: bytes.length }).map((end) => bytes.subarray(0, end)),
        fc.uint8Array({ maxLength: 16 }).map((tail) => Uint8Array.from([...bytes, ...tail])),
      ),
    )
}

/** CBOR of any shape, and of shapes near the messages'. */
const anyCbor: fc.Arbitrary<Uint8Array> = fc
  .jsonValue({ maxDepth: 4 })
  .chain((value) =>
    fc.oneof(
      fc.constant(value),
      fc.record({
        v: fc.constantFrom(1, 2, -1),
        t: fc.string({ maxLength: 8 }),
        x: fc.constant(value),
      }),
      fc.record({ v: fc.constant(1), logs: fc.array(fc.constant(value), { maxLength: 3 }) }),
      fc.record({ v: fc.constant(1), did: fc.constant(value), heads: fc.constant(value) }),
    ),
  )
  .map((value) => dagCbor.encode(value))

function inputs(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.oneof(fc.uint8Array({ maxLength: 2_048 }), anyCbor, mutated(valid))
}

/** Runs `decode` over `runs` inputs; errors named in `allowed` are refusals, others crashes. */
async function fuzz(
  decoder: string,
  arbitrary: fc.Arbitrary<Uint8Array>,
  decode: (bytes: Uint8Array) => unknown,
  allowed: readonly string[],
  options: { runs: number; seed: number },
): Promise<FuzzResult> {
  let crashes = 0
  let iterations = 0
  const examples: string[] = []
  const crash = (err: unknown, bytes: Uint8Array) => {
    crashes++
    if (examples.length < 5) examples.push(`${String(err)} on ${hex(bytes)}`)
  }
  await fc.assert(
    fc.asyncProperty(arbitrary, async (bytes) => {
      iterations++
      try {
        await decode(bytes)
      } catch (err) {
        if (!(err instanceof Error) || !allowed.includes(err.name)) crash(err, bytes)
      }
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  )
  return { decoder, iterations, crashes, examples }
}

/** Fuzzes every decoder of peer bytes; returns one result per decoder. */
export async function fuzzDecoders(options: FuzzOptions): Promise<FuzzResult[]> {
  const seed = options.seed ?? 42
  const runs = { runs: options.runs, seed }
  const dir = await mkdtemp(join(tmpdir(), 'polder-fuzz-'))
  const writer = await Store.open({
    home: join(dir, 'writer'),
    key: (await loadOrCreateKey(join(dir, 'writer'))).key,
  })
  const reader = await Store.open({
    home: join(dir, 'reader'),
    key: (await loadOrCreateKey(join(dir, 'reader'))).key,
  })
  try {
    const did = writer.did as Did
    const peer = peerIdOfDid(did)
    const practice = (n: number) => ({
      kind: 'practice' as const,
      languages: ['nl'],
      title: { nl: `Hittekaart ${n}` },
      status: 'pilot' as const,
    })
    await writer.publishMany(Array.from({ length: 20 }, (_, n) => practice(n)))
    const profile = createRecord(
      {
        kind: 'organization',
        languages: ['nl'],
        title: { nl: 'Gemeente' },
        orgType: 'municipality',
      },
      did,
    )
    // the writer's own log, as blocks a peer would send
    const { entries, identities, heads } = (await writer.readLog(did, async (log) => {
      const entries: Uint8Array[] = []
      const identities = new Set<string>()
      for await (const entry of log.traverse()) {
        entries.unshift((await log.bytes(entry.hash)) as Uint8Array)
        identities.add(entry.identity)
      }
      const blocks = await Promise.all([...identities].map((hash) => log.bytes(hash)))
      const heads = (await log.heads()).map((entry) => entry.hash)
      return { entries, identities: blocks as Uint8Array[], heads }
    })) as { entries: Uint8Array[]; identities: Uint8Array[]; heads: string[] }
    await reader.follow(did)

    const state = fc.nat({ max: 1_000 }).map((n) => encodeState(createRecord(practice(n), did)))
    const frames = fc.oneof(
      fc.constant(encodeMessage({ v: 1, log: did, have: heads })),
      fc.constant(encodeMessage({ t: 'ack' })),
      fc.constant(encodeMessage({ t: 'meta', heads, entries: entries.length })),
      fc.constant(encodeMessage({ t: 'batch', entries, identities })),
      fc.constant(encodeMessage({ t: 'refused', code: 'unknown-log', message: 'no' })),
      fc.constant(encodeMessage({ t: 'end' })),
    )
    const headsMessage = fc.constant(encodeHeads([{ did, heads, entries: entries.slice(-1) }]))
    const announcement = fc
      .boolean()
      .map((withProfile) => encodeAnnouncement(did, heads, withProfile ? profile : undefined))
    // a segment: the log's own entries, one of them changed, cut or replaced
    const segment = fc
      .tuple(fc.nat({ max: entries.length - 1 }), inputs(fc.constantFrom(...entries)))
      .map(([at, bytes]) => dagCbor.encode({ at, bytes }))
    const joinSegment = async (bytes: Uint8Array) => {
      const { at, bytes: changed } = dagCbor.decode(bytes) as { at: number; bytes: Uint8Array }
      const sent = entries.map((entry, i) => (i === at ? changed : entry))
      await reader.joinSegment(did, { entries: sent, identities }, { from: 'fuzz' })
    }

    // a whole-node archive of the writer, changed: read line by line and joined all or nothing
    let archive = ''
    for await (const line of archiveLines(writer)) archive += line
    const archiveBytes = new TextEncoder().encode(archive)
    const importArchiveBytes = async (bytes: Uint8Array) => {
      await importArchive(reader, linesOf([bytes]))
    }

    const protocol = ['ProtocolError']
    return [
      await fuzz(
        'record state (schema decodeState)',
        inputs(state),
        decodeState,
        ['RecordValidationError', 'EncodingError'],
        runs,
      ),
      await fuzz(
        'sync request (wire decodeRequest)',
        inputs(frames),
        decodeRequest,
        protocol,
        runs,
      ),
      await fuzz(
        'sync message (wire decodeMessage)',
        inputs(frames),
        decodeMessage,
        protocol,
        runs,
      ),
      await fuzz('sync ack (wire decodeAck)', inputs(frames), decodeAck, protocol, runs),
      await fuzz(
        'heads message (heads decodeHeads)',
        inputs(headsMessage),
        decodeHeads,
        protocol,
        runs,
      ),
      await fuzz(
        'announcement (announce decodeAnnouncement)',
        inputs(announcement),
        (bytes) => decodeAnnouncement(bytes, peer),
        protocol,
        runs,
      ),
      await fuzz(
        'log segment (store joinSegment, SQLite)',
        segment,
        joinSegment,
        ['InvalidEntryError', 'MissingPastError'],
        { runs: Math.max(10, Math.round(options.runs / 10)), seed },
      ),
      await fuzz(
        'whole-node archive (store importArchive, SQLite)',
        inputs(fc.constant(archiveBytes)),
        importArchiveBytes,
        ['InvalidArchiveError'],
        { runs: Math.max(10, Math.round(options.runs / 10)), seed },
      ),
    ]
  } finally {
    await reader.stop()
    await writer.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
