/** `polder attach`, `polder fetch` and `polder attachments` against a running node. */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPolder } from './cli.js'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
/** The node the CLI talks to runs in this process; the CLI in its own. */
let node: InProcessNode
let env: NodeJS.ProcessEnv

const polder = (args: string[]) => runPolder(args, { env })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-attach-'))
  const home = join(dir, 'home')
  node = await startInProcess(home, { POLDER_MAX_ATTACHMENT: '2', POLDER_FETCH_TIMEOUT: '1' })
  env = { POLDER_HOME: home, POLDER_API: node.url.replace('http://', '') }
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the attachment commands', () => {
  it('attaches a file, fetches it back byte for byte and lists the pin', async () => {
    const bytes = randomBytes(1_500_000)
    const file = join(dir, 'rapport.pdf')
    await writeFile(file, bytes)
    const attached = await polder(['attach', file, '--json'])
    expect(attached.stderr).toBe('')
    expect(attached.code).toBe(0)
    const attachment = JSON.parse(attached.stdout)
    expect(attachment).toMatchObject({
      name: 'rapport.pdf',
      mediaType: 'application/pdf',
      size: bytes.length,
      cid: expect.stringMatching(/^bafy/),
    })

    const out = join(dir, 'copy.pdf')
    const fetched = await polder(['fetch', attachment.cid, '-o', out])
    expect(fetched.code).toBe(0)
    expect((await readFile(out)).equals(bytes)).toBe(true)

    const list = JSON.parse((await polder(['attachments', '--json'])).stdout)
    expect(list.pins).toContainEqual(
      expect.objectContaining({ cid: attachment.cid, origin: 'own', size: bytes.length }),
    )
    const status = JSON.parse((await polder(['attachments', attachment.cid, '--json'])).stdout)
    expect(status).toMatchObject({ state: 'pinned', size: bytes.length })
  })

  it('refuses a file over the limit and an unknown CID, with a clear message', async () => {
    const file = join(dir, 'big.bin')
    await writeFile(file, randomBytes(3 * 1024 * 1024))
    const big = await polder(['attach', file])
    expect(big.code).toBe(1)
    expect(big.stderr).toMatch(/larger than this node accepts \(2 MiB\)/)

    const unknown = await polder([
      'fetch',
      'bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom',
      '-o',
      join(dir, 'none'),
    ])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/No peer had bafkrei/)
  })
})
