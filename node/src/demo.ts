/**
 * `polder start --demo`: loads the record model's fixtures (twelve organisations, their
 * records) into an empty node. The fixture organisations' keys are public demo keys, so
 * the node writes each organisation's own signed log, as if it had replicated them.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import { orgKeyOf, type Store } from '@polder/store'

interface FixtureOrganization {
  readonly slug: string
  readonly did: string
}

const fixtures = (path: string) =>
  fileURLToPath(import.meta.resolve(`@polder/schema/fixtures/${path}`))

/** Loads the fixtures; returns how many records it wrote (0 when the node had them). */
export async function loadDemo(store: Store): Promise<number> {
  const organizations = JSON.parse(
    await readFile(fixtures('organizations.json'), 'utf8'),
  ) as FixtureOrganization[]
  const files = new Set(await readdir(fixtures('records')))
  let written = 0
  for (const org of organizations) {
    const seed = createHash('sha256').update(`polder-demo-fixture:${org.slug}`).digest()
    const key = orgKeyOf(await generateKeyPairFromSeed('Ed25519', seed))
    if (key.did !== org.did) throw new Error(`Fixture key of ${org.slug} does not match its DID`)
    await store.addWritableLog(key)
    if (!files.has(`${org.slug}.json`) || store.count(key.did) > 0) continue
    const records = JSON.parse(
      await readFile(fixtures(`records/${org.slug}.json`), 'utf8'),
    ) as unknown[]
    await store.importStates(key.did, records)
    written += records.length
  }
  return written
}
