/**
 * A Sybil flood: one connected peer passes on announcements of 2,000 invented
 * organisations, each signed by a fresh key (2,000 were once taken in 3.6 s, and an
 * open-mode node replicated 758 of them). A node admits new organisations within bounds
 * charged to the connection that brought them, whatever keys signed them.
 */
import { RogueNode, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const SYBILS = 2_000
/** New organisations one peer may introduce per 10 minutes (sync's NEW_ORGS_PER_PEER). */
const ADMITTED = 200

const orgCount = async (node: TestNode) => (await node.client.listOrgs()).organizations.length

describe('a Sybil flood of announcements', () => {
  it(`admits at most ${ADMITTED} of ${SYBILS.toLocaleString('en')} invented organisations from one connection`, async () => {
    await using network = await TestNetwork.create({
      nodes: 1,
      node: { env: { POLDER_TRUST: 'open' } },
    })
    const node = network.node(0)
    await using rogue = await RogueNode.create()
    await node.client.connectPeer({ body: { address: rogue.address } })
    const before = await orgCount(node)
    await rogue.floodSybils(node.address, SYBILS)
    // the flood was heard: the first ones are admitted, up to the bound
    await waitFor(async () => (await orgCount(node)) - before >= ADMITTED, {
      what: 'the admitted announcements in the directory',
      timeoutMs: 60_000,
    })
    // and no more arrive once everything sent has been handled
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect((await orgCount(node)) - before).toBe(ADMITTED)
    // open mode replicates what it admitted, no more
    const { logs } = await node.client.getSync()
    expect(logs.length).toBeLessThanOrEqual(ADMITTED)
    expect((await fetch(`${node.url}/health`)).status).toBe(200)
  }, 120_000)
})
