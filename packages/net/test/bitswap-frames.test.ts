/**
 * Bitswap messages encoded without copying blocks: byte for byte what `@helia/bitswap`'s own
 * splitter and encoder write, for messages of one part and of many.
 */
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodeParts, type OutgoingMessage } from '../src/bitswap-frames.js'
import { FIRST_MESSAGE_BLOCK_BYTES, mergeInto } from '../src/lean-block-send.js'

/** @helia/bitswap's own files, which its package does not export: the reference. */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../../node_modules/.pnpm')
const bitswapDir = readdirSync(root).find((name) => name.startsWith('@helia+bitswap@'))
const src = join(root, bitswapDir ?? 'missing', 'node_modules/@helia/bitswap/dist/src')
type Split = (message: OutgoingMessage, maxSize: number) => Iterable<Uint8Array>
const { splitMessage } = (await import(
  pathToFileURL(join(src, 'utils/split-message.js')).href
)) as { splitMessage: Split }
const { BitswapMessage } = (await import(pathToFileURL(join(src, 'pb/message.js')).href)) as {
  BitswapMessage: { decode(bytes: Uint8Array): { blocks: { data: Uint8Array }[] } }
}

const cid = (n: number) => Uint8Array.from([1, 0x55, 0x12, 0x20, ...randomBytes(31), n])

function message(blocks: number[], presences = 0, wants = 0, full = false): OutgoingMessage {
  const m: OutgoingMessage = {
    full,
    wantlist: new Map(),
    blocks: new Map(),
    blockPresences: new Map(),
  }
  blocks.forEach((size, i) => {
    m.blocks.set(`b${i}`, {
      prefix: Uint8Array.from([1, 0x55, 0x12, 0x20]),
      data: randomBytes(size),
    })
  })
  for (let i = 0; i < presences; i++) {
    m.blockPresences.set(`p${i}`, {
      cid: cid(i),
      type: i % 2 === 0 ? 'HaveBlock' : 'DoNotHaveBlock',
    })
  }
  for (let i = 0; i < wants; i++) {
    m.wantlist.set(`w${i}`, {
      cid: cid(i),
      priority: i % 3 === 0 ? 0 : i === 1 ? -5 : 300 + i,
      wantType: i % 2 === 0 ? 'WantBlock' : 'WantHave',
      cancel: i % 4 === 0 ? undefined : i % 4 === 1,
      sendDontHave: i % 5 === 0 ? undefined : true,
    })
  }
  return m
}

// hex: a quick comparison of megabytes, with a readable difference
const ours = (m: OutgoingMessage, max: number) =>
  [...encodeParts(m, max)].map((part) => Buffer.from(part.subarray()).toString('hex'))
const theirs = (m: OutgoingMessage, max: number) =>
  [...splitMessage(m, max)].map((part) => Buffer.from(part).toString('hex'))

describe('bitswap frames', () => {
  it('writes a message of blocks as bitswap does, the blocks not copied', () => {
    const m = message([262_144, 262_144, 1_000, 0])
    const parts = [...encodeParts(m, 4 * 1024 * 1024)]
    expect(parts.map((p) => Buffer.from(p.subarray()).toString('hex'))).toEqual(
      theirs(m, 4 * 1024 * 1024),
    )
    // the block's own bytes are in the list, not a copy
    const first = [...m.blocks.values()][0]?.data
    expect([...(parts[0] ?? [])].some((chunk) => chunk === first)).toBe(true)
    const decoded = BitswapMessage.decode(Uint8Array.from(parts[0]?.subarray() ?? []))
    expect(decoded.blocks.map((b) => b.data.byteLength)).toEqual([262_144, 262_144, 1_000, 0])
  })

  it('splits a large message where bitswap does, with wants and presences', () => {
    for (const [m, max] of [
      [
        message(
          Array.from({ length: 40 }, () => 262_144),
          3,
          5,
          true,
        ),
        4 * 1024 * 1024,
      ],
      [message([100, 200, 300], 50, 70, true), 1_000],
      [message([], 10, 200, false), 2_000],
      [message([], 0, 0, true), 4 * 1024 * 1024],
    ] as const) {
      expect(ours(m, max)).toEqual(theirs(m, max))
    }
  })

  it('sends the first block in a message of its own when asked, the rest as bitswap does', () => {
    const m = message([262_144, 262_144, 1_000, 2_000, 262_144], 2, 3, true)
    const parts = [...encodeParts(m, 4 * 1024 * 1024, FIRST_MESSAGE_BLOCK_BYTES)]
    const decoded = parts.map((part) =>
      BitswapMessage.decode(Uint8Array.from(part.subarray())),
    ) as unknown as {
      blocks: { data: Uint8Array }[]
      blockPresences: unknown[]
      wantlist: { entries: unknown[]; full: boolean }
    }[]
    // the first leaf alone (with the presences and wants), the rest in one part
    expect(decoded.map((d) => d.blocks.map((b) => b.data.byteLength))).toEqual([
      [262_144],
      [262_144, 1_000, 2_000, 262_144],
    ])
    expect(decoded.map((d) => d.blockPresences.length)).toEqual([2, 0])
    expect(decoded.map((d) => d.wantlist.entries.length)).toEqual([3, 0])
    expect(decoded.map((d) => d.wantlist.full)).toEqual([false, true])
    // the blocks' own bytes, in order
    const sent = [...m.blocks.values()].map((b) => Buffer.from(b.data).toString('hex'))
    const got = decoded.flatMap((d) => d.blocks.map((b) => Buffer.from(b.data).toString('hex')))
    expect(got).toEqual(sent)
    // small blocks share the first part up to the size given
    const small = [...encodeParts(message([1_000, 2_000, 300_000]), 1 << 22, 10_000)]
    expect(
      small.map((part) => BitswapMessage.decode(Uint8Array.from(part.subarray())).blocks.length),
    ).toEqual([2, 1])
  })

  it('refuses a block larger than bitswap sends', () => {
    expect(() => ours(message([4_200_000]), 8 * 1024 * 1024)).toThrow(/over the max message size/)
  })

  it('merges a later message into a queued one as bitswap does', () => {
    const into = message([10], 1, 3)
    const later = message([20], 0, 0, true)
    const key = [...into.wantlist.keys()][2] as string
    later.wantlist.set(key, { cid: cid(9), priority: 1, cancel: true })
    mergeInto(into, later)
    expect(into.blocks.size).toBe(1)
    expect(into.full).toBe(true)
    const merged = into.wantlist.get(key)
    expect(merged?.cancel).toBe(true)
    expect(merged?.priority).toBe(302)
    expect(merged?.wantType).toBe('WantBlock')
  })
})
