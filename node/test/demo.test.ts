/** `polder start --demo`: the fixtures' records and every file they attach, on a node of its own. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
let node: InProcessNode

const fixture = (path: string) =>
  fileURLToPath(import.meta.resolve(`@polder/schema/fixtures/${path}`))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-demo-'))
  node = await startInProcess(join(dir, 'home'), {}, { demo: true })
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the demo node', () => {
  it('opens every attachment of every demo record, pinned as its own', async () => {
    const attached = node.context.store.attachments()
    const listed = JSON.parse(await readFile(fixture('attachments.json'), 'utf8')) as {
      file: string
      cid: string
    }[]
    // every file a record attaches is one of the fixtures' files
    expect(new Set(attached.map((a) => a.cid))).toEqual(new Set(listed.map((f) => f.cid)))
    for (const file of listed) {
      const answer = await fetch(`${node.url}/v1/attachments/${file.cid}`)
      expect(answer.status, file.file).toBe(200)
      const bytes = Buffer.from(await answer.arrayBuffer())
      expect(bytes.equals(await readFile(fixture(`attachments/${file.file}`))), file.file).toBe(
        true,
      )
      const status = await node.api.getAttachmentStatus({ params: { cid: file.cid } })
      expect(status, file.file).toMatchObject({ state: 'pinned', pin: 'own' })
      expect(status).not.toHaveProperty('error')
    }
  })
})
