/**
 * The signature check of an entry block covers exactly the fields OrbitDB signs, whether
 * its signed bytes are cut out of a canonical block or encoded again from the fields.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { describe, expect, it } from 'vitest'
import { checkEntryBlock } from '../src/entry-check.js'
import { openStore, practice, tempDir } from '../src/testing.js'

/** A signed entry block of a real store, decoded, and its organisation. */
async function anEntry(): Promise<{ did: string; fields: Record<string, unknown> }> {
  await using dir = await tempDir()
  await using store = await openStore(dir.path)
  await store.publish(practice(1))
  await store.publish(practice(2))
  for await (const log of store.archivedLogs()) {
    const last = log.entries.at(-1)
    if (last !== undefined)
      return { did: store.did, fields: dagCbor.decode(last.bytes) as Record<string, unknown> }
  }
  throw new Error('no entry')
}

const signatureOf = (bytes: Uint8Array, did: string): boolean | undefined => {
  const check = checkEntryBlock(bytes, did)
  return 'signature' in check ? check.signature : undefined
}

/** A map written by hand with its fields in the order given (not DAG-CBOR's). */
function inOrder(fields: Record<string, unknown>, keys: readonly string[]): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.of(0xa0 + keys.length)]
  for (const key of keys) parts.push(dagCbor.encode(key), dagCbor.encode(fields[key]))
  return Uint8Array.from(Buffer.concat(parts))
}

describe('an entry block’s signature', () => {
  it('verifies as written, and fails when any signed field is changed', async () => {
    const { did, fields } = await anEntry()
    expect(signatureOf(dagCbor.encode(fields), did)).toBe(true)
    const changed: Record<string, unknown> = {
      v: 3,
      id: `${fields.id as string}x`,
      next: [],
      refs: ['zdpuAkfMNCgbLrfJ1oPzfaPFZvYspn2TX1AxUYF82USdwihDa'],
      clock: { ...(fields.clock as object), time: 99 },
      payload: { v: 1, states: [] },
    }
    for (const [name, value] of Object.entries(changed))
      expect([name, signatureOf(dagCbor.encode({ ...fields, [name]: value }), did)]).toEqual([
        name,
        false,
      ])
    // fields it does not sign change nothing
    expect(signatureOf(dagCbor.encode({ ...fields, extra: 'x' }), did)).toBe(true)
  })

  it('is checked the same in a block whose fields are not in canonical order', async () => {
    const { did, fields } = await anEntry()
    const reversed = inOrder(fields, Object.keys(fields).reverse())
    expect(dagCbor.decode(reversed)).toEqual(fields)
    expect(signatureOf(reversed, did)).toBe(true)
    const forged = inOrder({ ...fields, id: 'another' }, Object.keys(fields).reverse())
    expect(signatureOf(forged, did)).toBe(false)
  })
})
