/**
 * The disk fills while a node is being written to: the client gets a clear answer (507,
 * problem `disk-full`, in Dutch and English), nothing acknowledged is lost, nothing is
 * corrupted, and writes succeed again once space returns. The node's home is a small
 * tmpfs, so this needs root (as CI has); elsewhere it is skipped with that hint.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, open, rm, statfs } from 'node:fs/promises'
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

/**
 * Fills the tmpfs at `dir` with a ballast file until about `leave` bytes are free. The node
 * writes while we fill, so the free space measured a moment ago can be gone: the fill goes a
 * MiB at a time, and if the disk fills under it, the ballast is cut back to leave the room.
 */
async function fillLeaving(dir: string, leave: number) {
  await mkdir(join(dir, 'ballast'))
  const ballast = await open(join(dir, 'ballast', 'fill'), 'w')
  const chunk = Buffer.alloc(MIB)
  try {
    for (;;) {
      const { bavail, bsize } = await statfs(dir)
      const room = bavail * bsize - leave
      if (room <= 0) return
      try {
        await ballast.write(chunk, 0, Math.min(room, MIB))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
        const { size } = await ballast.stat()
        await ballast.truncate(Math.max(0, size - leave))
        return
      }
    }
  } finally {
    await ballast.close()
  }
}

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
        await fillLeaving(dir, 2 * MIB)
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

    it('a follower whose disk fills does not blame its holder, and catches up once space returns', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'polder-disk-'))
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir])
      const publisher = new TestNode('publisher', await mkdtemp(join(tmpdir(), 'polder-pub-')))
      const follower = new TestNode('follower', join(dir, 'home'))
      try {
        await Promise.all([publisher.start(), follower.start()])
        await follower.connect(publisher)
        await follower.follow(publisher)
        await publisher.publish(records(0, 10))
        await waitFor(async () => (await follower.count(publisher.did)) === 10, {
          what: 'the first 10 records at the follower',
        })

        // the follower's disk fills; the publisher goes on publishing
        await fillLeaving(dir, 64 * 1024)
        for (let n = 10; n < 410; n += 100) await publisher.publish(records(n, 100))
        const failed = await waitFor(
          async () => {
            const sync = await follower.client.getSyncOf({ params: { did: publisher.did } })
            return sync.lastError !== undefined &&
              /disk|full|SQLITE_FULL|ENOSPC/i.test(sync.lastError)
              ? sync.lastError
              : undefined
          },
          { what: 'the follower to fail for its full disk', timeoutMs: 30_000 },
        )
        expect(failed).toBeDefined()
        // its own failure, not the holder's: no offence, no denial
        const peers = await follower.client.listPeers()
        expect(peers.offenders).toEqual([])
        expect(peers.peers.map((peer) => peer.peerId)).toContain(publisher.peerId)
        expect((await fetch(`${follower.url}/health`)).status).toBe(200)

        // space returns: the follower pulls the rest by itself from the same holder
        await rm(join(dir, 'ballast'), { recursive: true })
        await waitFor(async () => (await follower.count(publisher.did)) === 410, {
          what: 'all 410 records at the follower once space returned',
          timeoutMs: 90_000,
        })
        expect((await follower.client.listPeers()).offenders).toEqual([])
        await follower.stop()
        expect(integrityOf(join(follower.home, 'state.sqlite'))).toEqual(['ok'])
      } finally {
        await Promise.all([publisher.stop(), follower.stop()])
        execFileSync('umount', ['-l', dir])
        await rm(dir, { recursive: true, force: true })
        await rm(publisher.home, { recursive: true, force: true })
      }
    }, 180_000)
  },
)
