/**
 * The disk fills while a node is being written to: the client gets a clear answer (507,
 * problem `disk-full`, in Dutch and English), nothing acknowledged is lost, nothing is
 * corrupted, and writes succeed again once space returns. The node's home is a small
 * tmpfs, so this needs root (as CI has); elsewhere it is skipped with that hint.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, rm, statfs, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { integrityOf, storedTitles, TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const root = process.getuid?.() === 0
const MIB = 2 ** 20

const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'practice',
    languages: ['en'],
    title: { en: `Rainwater buffer ${from + i}` },
    summary: { en: 'A street that stores rain under its pavement. '.repeat(20) },
    status: 'pilot',
  }))

async function post(node: TestNode, body: unknown) {
  const response = await fetch(`${node.url}/v1/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe.skipIf(!root && process.env.CI === undefined)(
  `a disk that fills during writes${root ? '' : ' (needs root to mount a tmpfs: skipped)'}`,
  () => {
    it('answers 507 disk-full, keeps every acknowledged record, corrupts nothing, resumes', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'polder-disk-'))
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir])
      const node = new TestNode('full', join(dir, 'home'))
      try {
        await node.start()
        // leave a little room, then publish until the disk is full
        await mkdir(join(dir, 'ballast'))
        const { bavail, bsize } = await statfs(dir)
        await writeFile(join(dir, 'ballast', 'fill'), Buffer.alloc(bavail * bsize - 2 * MIB))
        const acknowledged = new Set<string>()
        let refused: { status: number; body: Record<string, unknown> } | undefined
        for (let n = 0; refused === undefined && n < 10_000; n += 100) {
          const answer = await post(node, records(n, 100))
          if (answer.status !== 201) refused = answer
          else
            for (const r of answer.body.records as { title: { en: string } }[])
              acknowledged.add(r.title.en)
        }
        expect(refused?.status, JSON.stringify(refused?.body)).toBe(507)
        expect(refused?.body).toMatchObject({
          type: 'urn:polder:problem:disk-full',
          status: 507,
          problems: [
            {
              code: 'disk-full',
              message: {
                nl: expect.stringMatching(/schijf .* vol/),
                en: expect.stringMatching(/disk .* full/),
              },
            },
          ],
        })
        // an attachment's blocks meet the full disk outside SQLite: the same answer
        const upload = await fetch(`${node.url}/v1/attachments?name=report.bin`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${node.token}`,
            'content-type': 'application/octet-stream',
          },
          body: randomBytes(4 * MIB),
        })
        expect(upload.status).toBe(507)
        expect(await upload.json()).toMatchObject({ type: 'urn:polder:problem:disk-full' })
        // the node is still up and serves what it acknowledged
        expect((await fetch(`${node.url}/health`)).status).toBe(200)
        const status = await node.client.getStatus()
        expect(status.records).toBe(acknowledged.size)

        // space returns: writes resume
        await rm(join(dir, 'ballast'), { recursive: true })
        const resumed = await waitFor(
          async () => (await post(node, records(100_000, 100))).status === 201,
          {
            what: 'a write to succeed once space returned',
            timeoutMs: 10_000,
          },
        )
        expect(resumed).toBe(true)
        await node.stop()

        for (const file of ['state.sqlite', 'search.sqlite']) {
          expect(integrityOf(join(node.home, file)), file).toEqual(['ok'])
        }
        const stored = new Set(storedTitles(join(node.home, 'state.sqlite')).values())
        expect([...acknowledged].filter((title) => !stored.has(title))).toEqual([])
        // the refused bulk left nothing behind: only what was acknowledged, and the 100 after
        expect(stored.size).toBe(acknowledged.size + 100)
      } finally {
        await node.stop()
        execFileSync('umount', ['-l', dir])
        await rm(dir, { recursive: true, force: true })
      }
    }, 120_000)
  },
)
