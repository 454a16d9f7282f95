/**
 * `polder start --demo`: loads the record model's fixtures (twelve organisations, their
 * records) into an empty node. The fixture organisations' keys are public demo keys, so
 * the node writes each organisation's own signed log, as if it had replicated them.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { generateKeyPairFromSeed } from '@libp2p/crypto/keys'
import type { Attachments } from '@polder/attachments'
import { orgKeyOf, type Store } from '@polder/store'

interface FixtureAttachment {
  readonly file: string
  readonly cid: string
  readonly mediaType: string
}

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

/**
 * Adds the fixtures' attachment files (reports, data sets, logos), so that every demo
 * attachment opens; they are pinned as the node's own, as the records' logs are. Adding
 * a file again is cheap and keeps its pin. Returns how many files there are.
 */
export async function loadDemoAttachments(attachments: Attachments): Promise<number> {
  const files = JSON.parse(
    await readFile(fixtures('attachments.json'), 'utf8'),
  ) as FixtureAttachment[]
  for (const file of files) {
    const added = await attachments.add(createReadStream(fixtures(`attachments/${file.file}`)), {
      name: file.file,
      mediaType: file.mediaType,
    })
    if (added.cid !== file.cid)
      throw new Error(`Fixture ${file.file} has CID ${added.cid}, not ${file.cid} as listed`)
  }
  return files.length
}
