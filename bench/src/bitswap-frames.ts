/**
 * The serving node's encoding of the blocks it sends over bitswap, in one process:
 * `@helia/bitswap`'s own splitter (every block encoded twice: alone to learn its size,
 * then into a 4 MiB part buffer) against `@polder/net`'s (parts as lists of the blocks' own
 * bytes), alternated round by round on the same messages. Each round encodes 100 MB: 400
 * blocks of 256 KiB in messages of 32 blocks (the read-ahead window of a fetch). CPU ms of
 * the process per round (garbage collection included), medians.
 *
 * Run alone: `node bench/src/bitswap-frames.ts [rounds]` (default 9).
 */
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type BitswapOutgoingMessage, encodeBitswapParts } from '@polder/net'

export interface BitswapFramesFigures {
  /** CPU ms to encode 100 MB of blocks, medians over the rounds. */
  readonly heliaCpuMs: number
  readonly polderCpuMs: number
  readonly rounds: number
}

const BLOCK = 262_144
const BLOCKS = 400
const PER_MESSAGE = 32
const MAX_PART = 4 * 1024 * 1024

type Split = (message: BitswapOutgoingMessage, maxSize: number) => Iterable<Uint8Array>

/** `@helia/bitswap`'s splitter, which its package does not export: found in the workspace's store. */
async function heliaSplitter(): Promise<Split> {
  const store = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/.pnpm')
  const dir = readdirSync(store).find((name) => name.startsWith('@helia+bitswap@'))
  if (dir === undefined) throw new Error('@helia/bitswap is not installed')
  const file = join(store, dir, 'node_modules/@helia/bitswap/dist/src/utils/split-message.js')
  return ((await import(pathToFileURL(file).href)) as { splitMessage: Split }).splitMessage
}

function messages(): BitswapOutgoingMessage[] {
  const prefix = Uint8Array.from([1, 0x55, 0x12, 0x20])
  const all: BitswapOutgoingMessage[] = []
  for (let at = 0; at < BLOCKS; at += PER_MESSAGE) {
    const message: BitswapOutgoingMessage = {
      full: false,
      wantlist: new Map(),
      blocks: new Map(),
      blockPresences: new Map(),
    }
    for (let i = at; i < Math.min(at + PER_MESSAGE, BLOCKS); i++) {
      message.blocks.set(`b${i}`, { prefix, data: randomBytes(BLOCK) })
    }
    all.push(message)
  }
  return all
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** CPU ms to encode every message; the parts' bytes are counted, as a sender reads them. */
function round(encode: () => number): number {
  const start = cpuMs()
  const bytes = encode()
  if (bytes < BLOCK * BLOCKS) throw new Error(`encoded ${bytes} bytes`)
  return cpuMs() - start
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? 0
}

export async function measureBitswapFrames(rounds = 9): Promise<BitswapFramesFigures> {
  const split = await heliaSplitter()
  const all = messages()
  const helia = () => {
    let bytes = 0
    for (const message of all) for (const part of split(message, MAX_PART)) bytes += part.byteLength
    return bytes
  }
  const polder = () => {
    let bytes = 0
    for (const message of all) {
      for (const part of encodeBitswapParts(message, MAX_PART)) bytes += part.byteLength
    }
    return bytes
  }
  // one of each first: compiled and warm before anything is counted
  round(helia)
  round(polder)
  const heliaMs: number[] = []
  const polderMs: number[] = []
  for (let i = 0; i < rounds; i++) {
    heliaMs.push(round(helia))
    polderMs.push(round(polder))
  }
  const ms = (value: number) => Math.round(value * 10) / 10
  return { heliaCpuMs: ms(median(heliaMs)), polderCpuMs: ms(median(polderMs)), rounds }
}

if (import.meta.main) {
  const rounds = Number(process.argv[2] ?? 9)
  process.stdout.write(`${JSON.stringify(await measureBitswapFrames(rounds), null, 2)}\n`)
}
