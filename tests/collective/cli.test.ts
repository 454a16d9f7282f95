/** The collective through the real `polder` binary, against running nodes. */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { organization, practice } from './records.js'

describe('polder CLI for the collective', () => {
  it('lists, follows, syncs, vouches, blocks and unblocks; says when no node runs', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line' })
    const [a, b] = network.nodes as [TestNode, TestNode]
    await a.publish([organization('Gemeente Zwolle'), practice(1)])

    await waitFor(async () => (await b.cli(['orgs'])).stdout.includes('Gemeente Zwolle'), {
      what: 'the announced organisation in `polder orgs`',
    })
    const followed = await b.cli(['follow', a.did])
    expect(followed).toMatchObject({ code: 0 })
    expect(followed.stdout).toContain(`Following ${a.did} (Gemeente Zwolle)`)
    await waitFor(async () => (await b.count(a.did)) === 2, { what: 'the records' })

    const sync = await b.cli(['sync', a.did, '--json'])
    expect(sync.code).toBe(0)
    expect(JSON.parse(sync.stdout)).toMatchObject({ did: a.did, records: 2 })
    const human = await b.cli(['sync'])
    expect(human.stdout).toMatch(new RegExp(`${a.did}\\s+(complete|syncing)`))
    // names, not only DIDs; counts in words
    await waitFor(async () => (await b.cli(['sync', a.did])).stdout.includes('complete'), {
      what: 'the log complete',
    })
    const named = await b.cli(['sync', a.did])
    expect(named.stdout).toBe(`Gemeente Zwolle  ${a.did}\n  complete, 2 records, 1 peer holds it\n`)

    // a peer already connected is reported as such, not as a new connection
    const again = await b.cli(['connect', a.address])
    expect(again.code, again.stderr).toBe(0)
    expect(again.stdout).toMatch(new RegExp(`^Already connected to ${a.peerId} \\(at `))

    const vouch = await b.cli(['vouch', a.did, 'Gemeente Zwolle', '--json'])
    expect(vouch.code).toBe(0)
    expect(JSON.parse(vouch.stdout)).toMatchObject({ kind: 'vouch', subject: a.did })

    const peers = await b.cli(['peers', '--json'])
    expect(JSON.parse(peers.stdout).peers.map((peer: { peerId: string }) => peer.peerId)).toContain(
      a.peerId,
    )

    const blocked = await b.cli(['block', a.did, '--reason', 'test'])
    expect(blocked).toMatchObject({ code: 0 })
    expect(blocked.stdout).toContain('dropped 2 records')
    // a refused action: exit code 1 and the node's reason
    const refused = await b.cli(['follow', a.did])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/blocked on this node; unblock it first/)
    expect((await b.cli(['unblock', a.did])).code).toBe(0)
    expect((await b.cli(['follow', 'did:web:example.org'])).stderr).toMatch(/did:key/)

    // no node at the address: a message that says what to do
    await b.stop()
    const down = await b.cli(['orgs'])
    expect(down.code).toBe(1)
    expect(down.stderr).toMatch(/no node running at .*: start one with `polder start`/)
  })
})
