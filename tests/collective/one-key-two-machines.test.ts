/**
 * Operations across real node processes: one organisation's key on two machines at once,
 * and a peer whose clock is a day off. Topology (a line with a branch):
 *
 *   A ── C ── D ── B        A and B run the same key; D's clock is a day ahead
 *        │
 *        E
 *
 * A and B never connect (libp2p does not dial its own peer id), but their gossip meets
 * through C and D: a machine that sees a message signed with its key that it did not send
 * refuses to write (423, in status and in `polder doctor`), while C, D and E write on.
 */
import { copyFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ApiError, clockOffset, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const DAY = 24 * 60 * 60 * 1000

const practice = (title: string) => ({
  kind: 'practice',
  languages: ['en'],
  title: { en: title },
  status: 'pilot',
})

interface Finding {
  readonly check: string
  readonly verdict: string
  readonly finding: string
}

async function doctor(node: TestNode) {
  const result = await node.cli(['doctor', '--json'])
  const { findings } = JSON.parse(result.stdout) as { findings: Finding[] }
  return { code: result.code, of: (check: string) => findings.find((f) => f.check === check) }
}

/** Gives `node` the key of `owner`: stopped, emptied, the key file copied, started again. */
async function shareKey(node: TestNode, owner: TestNode): Promise<void> {
  await node.stop()
  for (const name of await readdir(node.home))
    await rm(join(node.home, name), { recursive: true, force: true })
  await copyFile(join(owner.home, 'identity.key'), join(node.home, 'identity.key'))
  await node.start()
}

describe('one key on two machines, and a clock a day off', () => {
  it('both machines of the key refuse to write; the others write on and see the skewed clock', async () => {
    await using network = await TestNetwork.create({
      nodes: 5,
      topology: 'none',
      follow: 'none',
      node: (index) => ({
        env: {
          // announcements carry the key's proof and the sender's time: every 2 s here
          POLDER_ANNOUNCE_INTERVAL: '2',
          ...(index === 2 ? { NODE_OPTIONS: clockOffset(DAY) } : {}),
        },
      }),
    })
    const [a, c, d, b, e] = network.nodes as [TestNode, TestNode, TestNode, TestNode, TestNode]
    await shareKey(b, a)
    expect(b.did).toBe(a.did)
    expect(b.peerId).toBe(a.peerId)
    // before they meet, each writes as usual
    await a.publish([practice('written on machine A')])
    await b.publish([practice('written on machine B')])
    for (const [x, y] of [
      [a, c],
      [c, d],
      [d, b],
      [c, e],
    ] as const)
      await x.connect(y)

    // a peer connected to both machines (they share a peer id; the DHT connects them
    // beyond the line) sends gossip for that id to one of them only, so it is not certain
    // that both see it: one refusing is what keeps the log to one writer from then on
    const refusing = async () => {
      const seen: TestNode[] = []
      for (const node of [a, b])
        if ((await node.client.getStatus()).keyConflict !== undefined) seen.push(node)
      return seen
    }
    await waitFor(async () => (await refusing()).length > 0, {
      what: 'A or B to see its key in use elsewhere',
      timeoutMs: 90_000,
    })
    // give the other a moment to see it too, where gossip reaches it
    await waitFor(async () => (await refusing()).length === 2, {
      what: 'both',
      timeoutMs: 20_000,
    }).catch(() => undefined)
    const detected = await refusing()
    expect(detected.length).toBeGreaterThan(0)
    for (const node of detected) {
      const status = await node.client.getStatus()
      expect(status.keyConflict?.evidence).toMatch(
        /signed with this node's key that this node did not send/,
      )
      const refused = await node.publish([practice('one more')]).catch((err: unknown) => err)
      expect(refused).toBeInstanceOf(ApiError)
      expect((refused as ApiError).status).toBe(423)
      expect((refused as ApiError).problem?.type).toBe('urn:polder:problem:key-in-use-elsewhere')
      expect(await node.count(node.did)).toBe(1)
      const { code, of } = await doctor(node)
      expect(code).toBe(1)
      expect(of('key-in-use')?.verdict).toBe('fail')
      const human = await node.cli(['status'])
      expect(human.stdout).toContain('WRITES REFUSED since')
      expect(human.stdout).toMatch(/^reachability {2}private$/m)
      expect(human.stdout).toMatch(/^ {2}direct {4}(in|out)bound /m)
    }
    // the other organisations are not affected
    for (const node of [c, d, e]) {
      expect((await node.client.getStatus()).keyConflict).toBeUndefined()
      expect(await node.publish([practice(`${node.name} writes on`)])).toHaveLength(1)
    }

    // C hears D's announcements a day ahead, and the others' on time
    await waitFor(async () => (await c.client.getStatus()).clock.length >= 3, {
      what: 'announcements of three peers at C',
      timeoutMs: 60_000,
    })
    const skews = new Map((await c.client.getStatus()).clock.map((p) => [p.peer, p.skewMs]))
    expect(Math.abs((skews.get(d.peerId) ?? 0) - DAY)).toBeLessThan(60_000)
    expect(Math.abs(skews.get(e.peerId) ?? DAY)).toBeLessThan(60_000)
    // C: one peer of three is off, so it is that peer's clock
    const atC = await doctor(c)
    expect(atC.of('clock')?.verdict).toBe('warn')
    expect(atC.of('clock')?.finding).toContain(`${d.peerId} 1440 min ahead`)
    // D: every peer is a day behind it, so D's own clock is off
    await waitFor(async () => (await d.client.getStatus()).clock.length >= 3, {
      what: 'announcements of three peers at D',
      timeoutMs: 60_000,
    })
    const atD = await doctor(d)
    expect(atD.code).toBe(1)
    expect(atD.of('clock')?.verdict).toBe('fail')
    expect(atD.of('clock')?.finding).toContain('this clock is off')
    // the connection types as the status gives them: loopback TCP, direct (the key's peer id
    // may have two connections: C may meet B, of the same peer id as A, too)
    const connections = (await c.client.getStatus()).network.connections
    expect([...new Set(connections.map((x) => x.peerId))].sort()).toEqual(
      [a.peerId, d.peerId, e.peerId].sort(),
    )
    expect(connections.every((x) => x.type === 'direct')).toBe(true)
  }, 240_000)
})
