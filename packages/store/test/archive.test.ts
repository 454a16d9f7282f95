/**
 * Whole-node archives between two real stores (on-disk SQLite in temp dirs): what one
 * exports, the other imports and holds the same; a changed archive is refused naming the
 * line and entry that failed, and leaves nothing behind.
 */
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import * as dagCbor from '@ipld/dag-cbor'
import { decodeState, encodeCanonical } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { archiveLines, importArchive, linesOf } from '../src/archive.js'
import { blockHash } from '../src/blocks.js'
import { STATE_FILE } from '../src/constants.js'
import { InvalidArchiveError } from '../src/errors.js'
import { loadKey } from '../src/keys.js'
import { Store } from '../src/store.js'
import { openStore, practice, tempDir } from '../src/testing.js'

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = []
  for await (const line of lines) all.push(line.replace(/\n$/, ''))
  return all
}

async function* each(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines
}

/** A source with 45 entries: one at a time, so the signature pool checks them on its worker. */
async function filledStore(home: string): Promise<Store> {
  const store = await openStore(home)
  const first = await store.publish(practice(0))
  for (let n = 1; n < 40; n++) await store.publish(practice(n))
  await store.publishMany([practice(100), practice(101), practice(102)])
  await store.update(first.id, { status: 'scaled' })
  const second = store.list({ limit: 2 })[1]
  if (second !== undefined) await store.retract(second.id, { nl: 'Dubbel', en: 'Duplicate' })
  return store
}

type Line = { log: string; type: string; hash: string; bytes: string }

/** An entry line whose entry is changed by `change`, re-encoded and re-hashed as a forger would. */
async function forged(line: string, change: (entry: Record<string, unknown>) => void) {
  const value = JSON.parse(line) as Line
  const entry = dagCbor.decode(Buffer.from(value.bytes, 'base64')) as Record<string, unknown>
  change(entry)
  const bytes = dagCbor.encode(entry)
  const hash = await blockHash(bytes)
  return {
    line: JSON.stringify({ ...value, hash, bytes: Buffer.from(bytes).toString('base64') }),
    hash,
  }
}

function blockCount(home: string): number {
  const db = new DatabaseSync(join(home, STATE_FILE), { readOnly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM blocks').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('whole-node archives', () => {
  it('restores every log on another node, every version and tombstone, and again is a no-op', async () => {
    await using a = await tempDir()
    await using b = await tempDir()
    await using source = await filledStore(a.path)
    const lines = await collect(archiveLines(source))
    expect(JSON.parse(lines[0] as string)).toMatchObject({ polder: 'archive', node: source.did })
    expect(JSON.parse(lines.at(-1) as string)).toEqual({ end: true, logs: 1, entries: 43 })

    await using target = await openStore(b.path)
    const added: string[] = []
    target.addEventListener('record:added', (event) => added.push(event.detail.state.id))
    const imported = await importArchive(target, each(lines))
    expect(imported).toEqual([{ did: source.did, entries: 43, states: 45, blocked: false }])
    const all = { author: source.did, retracted: true, limit: 1000 }
    expect(target.list(all)).toEqual(source.list({ retracted: true, limit: 1000 }))
    expect(target.list(all)).toHaveLength(43)
    for (const state of source.list({ retracted: true, limit: 1000 })) {
      expect(target.history(`polder://${source.did}/${state.id}`)).toEqual(source.history(state.id))
    }
    expect(added).toHaveLength(43)
    expect(await target.heads(source.did)).toEqual(await source.heads(source.did))

    // the same archive again joins nothing; the target's own archive now holds both logs
    expect(await importArchive(target, each(lines))).toEqual([
      { did: source.did, entries: 0, states: 0, blocked: false },
    ])
    const own = await target.publish(practice(7))
    const again = await collect(archiveLines(target))
    expect(JSON.parse(again.at(-1) as string)).toEqual({ end: true, logs: 2, entries: 44 })
    expect(again.some((line) => line.includes(own.author))).toBe(true)
  })

  it('restores the own log on a new home with the same key, which then writes on from its end', async () => {
    await using a = await tempDir()
    await using c = await tempDir()
    await using source = await filledStore(a.path)
    const lines = await collect(archiveLines(source))
    const key = await loadKey(a.path)
    if (key === undefined) throw new Error('the source has no key file')
    await using restored = await Store.open({ home: c.path, key })
    await importArchive(restored, each(lines))
    const [first] = source.list({ limit: 1 })
    const edited = await restored.update((first as { id: string }).id, { status: 'ended' })
    expect(edited.version).toBe((first as { version: number }).version + 1)
    // one head: the new entry follows the archive's last
    expect(await restored.heads(restored.did)).toHaveLength(1)
    const again = await collect(archiveLines(restored))
    expect(JSON.parse(again.at(-1) as string)).toEqual({ end: true, logs: 1, entries: 44 })
    await using b = await tempDir()
    await using other = await openStore(b.path)
    await importArchive(other, each(again))
    expect(other.get(`polder://${restored.did}/${edited.id}`)).toEqual(edited)
  })

  it('passes over the log of an organisation blocked on the importing node', async () => {
    await using a = await tempDir()
    await using b = await tempDir()
    await using source = await openStore(a.path)
    await source.publish(practice(1))
    const lines = await collect(archiveLines(source))
    await using target = await openStore(b.path)
    await target.block(source.did, 'spam')
    expect(await importArchive(target, each(lines))).toEqual([
      { did: source.did, entries: 0, states: 0, blocked: true },
    ])
    expect(target.list({ author: source.did })).toEqual([])
  })

  describe('refuses a changed archive, naming the line and entry, and keeps nothing', () => {
    const entryLine = (lines: readonly string[], nth: number) => {
      const indices = lines.flatMap((line, index) =>
        line.includes('"type":"entry"') ? [index] : [],
      )
      return indices[nth] as number
    }

    async function refused(
      change: (lines: string[]) => Promise<{ line: number; says: RegExp }>,
    ): Promise<void> {
      await using a = await tempDir()
      await using b = await tempDir()
      await using source = await filledStore(a.path)
      const lines = await collect(archiveLines(source))
      const { line, says } = await change(lines)
      await using target = await openStore(b.path)
      const blocks = blockCount(b.path)
      const error = await importArchive(target, each(lines)).catch((err: unknown) => err)
      expect(error).toBeInstanceOf(InvalidArchiveError)
      const archiveError = error as InvalidArchiveError
      expect(archiveError.line).toBe(line)
      expect(archiveError.message).toMatch(says)
      expect(archiveError.problems[0]?.path).toBe(`/lines/${line}`)
      expect(archiveError.problems[0]?.message.nl).toMatch(/\S/)
      expect(archiveError.problems[0]?.message.nl).not.toBe(archiveError.problems[0]?.message.en)
      // nothing of it: no records, no log, no blocks (not even the identity it named)
      expect(target.list({ author: source.did, retracted: true })).toEqual([])
      expect(target.logs()).toEqual([target.did])
      expect(blockCount(b.path)).toBe(blocks)
      expect(await collect(archiveLines(target))).toHaveLength(2)
    }

    it('a flipped byte: the bytes no longer match the hash', async () => {
      await refused(async (lines) => {
        const index = entryLine(lines, 20)
        const value = JSON.parse(lines[index] as string) as Line
        const bytes = Buffer.from(value.bytes, 'base64')
        bytes[bytes.length - 40] = (bytes[bytes.length - 40] as number) ^ 0x01
        lines[index] = JSON.stringify({ ...value, bytes: bytes.toString('base64') })
        return { line: index + 1, says: new RegExp(`entry ${value.hash}: its bytes do not match`) }
      })
    })

    it('a changed record in an entry, re-hashed: the signature does not verify', async () => {
      await refused(async (lines) => {
        const index = entryLine(lines, 30)
        const { line, hash } = await forged(lines[index] as string, (entry) => {
          const payload = entry.payload as { states: Uint8Array[] }
          const state = decodeState(payload.states[0] as Uint8Array)
          payload.states[0] = encodeCanonical({ ...state, title: { nl: 'Vervalst', en: 'Forged' } })
        })
        lines[index] = line
        return {
          line: index + 1,
          says: new RegExp(`entry ${hash} of the log .* the signature does not verify`),
        }
      })
    })

    it('a dropped signature, re-hashed: refused', async () => {
      await refused(async (lines) => {
        const index = entryLine(lines, 0)
        const { line, hash } = await forged(lines[index] as string, (entry) => {
          delete entry.sig
        })
        lines[index] = line
        return {
          line: index + 1,
          says: new RegExp(`entry ${hash} .*refused: the signature does not verify`),
        }
      })
    })

    it('a dropped entry with the counts mended: the next one lacks its past', async () => {
      await refused(async (lines) => {
        const index = entryLine(lines, 10)
        const next = JSON.parse(lines[index + 1] as string) as Line
        lines.splice(index, 1)
        lines[lines.length - 1] = JSON.stringify({ end: true, logs: 1, entries: 42 })
        return {
          line: index + 1,
          says: new RegExp(`entry ${next.hash} .*neither the batch nor the log holds`),
        }
      })
    })

    it('a dropped entry: the closing line counts one more', async () => {
      await refused(async (lines) => {
        lines.splice(entryLine(lines, 5), 1)
        return {
          line: lines.length,
          says: /counts 1 logs and 43 entries; the archive holds 1 and 42/,
        }
      })
    })

    it('cut short: no closing line', async () => {
      await refused(async (lines) => {
        lines.splice(lines.length - 3)
        return { line: lines.length, says: /ends without its closing line/ }
      })
    })

    it('not an archive, not JSON, an unknown version, a bad field', async () => {
      for (const [text, line, says] of [
        ['', 1, /the archive is empty/],
        ['{"a":1}', 1, /not a Polder archive/],
        ['nonsense', 1, /not JSON/],
        ['{"polder":"archive","version":9,"node":"x"}', 1, /archive version 9 is not known/],
        [
          '{"polder":"archive","version":1,"node":"x"}\n{"log":"nope"}',
          2,
          /field log: not a did:key/,
        ],
      ] as const) {
        await using b = await tempDir()
        await using target = await openStore(b.path)
        const error = await importArchive(target, linesOf(each([text])))
          .then(() => undefined)
          .catch((err: unknown) => err as InvalidArchiveError)
        expect(error?.line, text).toBe(line)
        expect(error?.message, text).toMatch(says)
      }
    })
  })

  it('refuses a line longer than a block can be, before holding it whole', async () => {
    const huge = `{"log":"${'x'.repeat(2 * 1024 * 1024)}"}`
    const error = await collect(linesOf(each(['{"polder":"archive"}\n', huge]))).catch(
      (err: unknown) => err as InvalidArchiveError,
    )
    expect(error).toBeInstanceOf(InvalidArchiveError)
    expect((error as InvalidArchiveError).line).toBe(2)
  })
})
