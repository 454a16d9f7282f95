/**
 * A node runs with malloc's large blocks on transparent huge pages, as its bin, `pnpm start`
 * and the systemd unit start it (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`): a fetched
 * attachment's bitswap messages (up to 4 MiB each) are joined into fresh buffers, which on
 * 4 KiB pages cost a page fault every 4 KiB (the fetching node used 11-31 % more CPU).
 * Only where the kernel hands out huge pages on request (its THP mode `madvise`); under
 * `always` every node has them anyway, under `never` none can.
 */
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { TestNetwork, type TestNode } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const thpMode = await readFile('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8').then(
  (text) => /\[(\w+)\]/.exec(text)?.[1],
  () => undefined,
)

/** Anonymous memory of a process on huge pages, kB. */
async function anonHugeKb(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8')
  return Number(/AnonHugePages:\s+(\d+)/.exec(rollup)?.[1] ?? 0)
}

describe.runIf(thpMode === 'madvise')('a node on huge pages', () => {
  it('fetches an attachment into memory on huge pages', async () => {
    await using network = await TestNetwork.create({ nodes: 2, follow: [[1, 0]] })
    const [a, b] = network.nodes as [TestNode, TestNode]
    const bytes = randomBytes(12 * 1000 * 1000)
    const uploaded = await fetch(`${a.url}/v1/attachments?name=data.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
      signal: AbortSignal.timeout(60_000),
    })
    expect(uploaded.status).toBe(201)
    const { cid } = (await uploaded.json()) as { cid: string }
    const fetched = await fetch(`${b.url}/v1/attachments/${cid}`, {
      signal: AbortSignal.timeout(60_000),
    })
    expect(fetched.status).toBe(200)
    expect(Buffer.from(await fetched.arrayBuffer()).equals(bytes)).toBe(true)
    expect(await anonHugeKb(b.pid)).toBeGreaterThan(0)
  }, 90_000)
})
