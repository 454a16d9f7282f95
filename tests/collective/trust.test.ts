/** Trust between real nodes: follow, unfollow, block, vouches (web of trust), open and allowlist modes. */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { organization, practice } from './records.js'

const orgOf = (node: TestNode, did: string) => node.client.getOrg({ params: { did } })
/** What a node's search finds of an organisation. */
const found = async (node: TestNode, did: string) =>
  (await node.client.searchRecords({ query: { organization: did, limit: 1 } })).total

describe('trust', () => {
  it('follows, unfollows and blocks an organisation', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line' })
    const [a, b] = network.nodes as [TestNode, TestNode]
    await a.publish([organization('Gemeente Zwolle'), practice(1), practice(2)])
    // known before followed: the announcement brings the signed profile, not the records
    const known = await waitFor(
      async () => {
        const org = await orgOf(b, a.did)
        return org.name !== undefined && org
      },
      { what: "a's announced profile on b" },
    )
    expect(known).toMatchObject({
      name: { nl: 'Gemeente Zwolle' },
      followed: false,
      trust: null,
      records: 0,
    })

    await b.follow(a)
    await waitFor(async () => (await b.count(a.did)) === 3, { what: 'the records after following' })
    // provenance: replicated from a, its signature checked again on b
    const [first] = await a.client.listRecords({ query: { limit: 1 } }).then((r) => r.records)
    const ref = `polder://${a.did}/${first?.id}`
    expect(await b.client.getRecordProvenance({ params: { id: ref } })).toMatchObject({
      author: a.did,
      signatureVerified: true,
      local: false,
      receivedFrom: a.peerId,
    })
    expect(await a.client.getRecordProvenance({ params: { id: ref } })).toMatchObject({
      local: true,
      signatureVerified: true,
    })
    expect(await orgOf(b, a.did)).toMatchObject({ followed: true, trust: 'followed', records: 3 })
    await waitFor(async () => (await found(b, a.did)) === 3, { what: "a's records in b's search" })

    // unfollowed: what was replicated stays, nothing new arrives
    await b.client.unfollow({ params: { did: a.did } })
    await a.publish([practice(3)])
    await b.client.syncNow()
    await a.client.syncNow()
    await b.client.syncNow()
    expect(await b.count(a.did)).toBe(3)

    // blocked: everything of it is dropped and it cannot be followed
    const blocked = await b.client.block({
      params: { did: a.did },
      body: {
        reason: 'spam',
      },
    })
    expect(blocked.recordsDropped).toBe(3)
    expect(await b.count(a.did)).toBe(0)
    expect(await found(b, a.did)).toBe(0) // gone from search at once too
    await expect(b.follow(a)).rejects.toMatchObject({ status: 409 })
    expect(await orgOf(b, a.did)).toMatchObject({ blocked: true, trust: null, records: 0 })
    await a.publish([practice(4)])
    await b.client.syncNow()
    expect(await b.count(a.did)).toBe(0)

    // unblocked and followed again: all of it comes back
    await b.client.unblock({ params: { did: a.did } })
    await b.follow(a)
    await waitFor(async () => (await b.count(a.did)) === 5, {
      what: 'every record after unblocking',
    })
    await waitFor(async () => (await found(b, a.did)) === 5, {
      what: 'searchable after unblocking',
    })
  })

  it('trusts an organisation vouched for by N followed ones, in web-of-trust mode only', async () => {
    // 0, 1: vouchers; 2: the subject; 3: web of trust (N = 2); 4: allowlist; 5: open
    await using network = await TestNetwork.create({
      nodes: 6,
      topology: 'full',
      follow: [
        [3, 0],
        [3, 1],
        [4, 0],
        [4, 1],
      ],
      node: (index) => ({
        env: {
          POLDER_TRUST: index === 4 ? 'allowlist' : index === 5 ? 'open' : 'web-of-trust',
          POLDER_TRUST_VOUCHES: '2',
        },
      }),
    })
    const [v1, v2, subject, web, allow, open] = network.nodes as TestNode[] as [
      TestNode,
      TestNode,
      TestNode,
      TestNode,
      TestNode,
      TestNode,
    ]
    await subject.publish([practice(1), practice(2)])

    // open mode replicates every announced organisation, without a follow
    await waitFor(async () => (await open.count(subject.did)) === 2, {
      what: 'the open node replicating',
    })

    await v1.client.vouch({ body: { subject: subject.did, name: 'Gemeente Deventer' } })
    await waitFor(async () => (await orgOf(web, subject.did)).vouchedBy.length === 1, {
      what: 'the first vouch',
    })
    expect(await orgOf(web, subject.did)).toMatchObject({ trust: null })
    expect(await web.count(subject.did)).toBe(0)

    await v2.client.vouch({ body: { subject: subject.did, name: 'Gemeente Deventer' } })
    await waitFor(async () => (await web.count(subject.did)) === 2, {
      what: 'records of the vouched-for org',
    })
    expect(await orgOf(web, subject.did)).toMatchObject({ trust: 'vouched' })
    expect((await orgOf(web, subject.did)).vouchedBy.sort()).toEqual([v1.did, v2.did].sort())

    // the allowlist node has the same vouches but replicates only whom it follows
    await waitFor(async () => (await orgOf(allow, subject.did)).vouchedBy.length === 2, {
      what: 'vouches on the allowlist node',
    })
    await allow.client.syncNow()
    expect(await orgOf(allow, subject.did)).toMatchObject({ trust: null })
    expect(await allow.count(subject.did)).toBe(0)

    // a vouch retracted: trust falls back below N, new records no longer arrive
    const [vouch] = (await v2.client.listRecords({ query: { kind: 'vouch' } })).records
    await v2.client.retractRecord({
      params: { id: vouch?.id ?? '' },
      body: { reason: { en: 'mistaken' } },
    })
    await waitFor(async () => (await orgOf(web, subject.did)).trust === null, {
      what: 'trust withdrawn',
    })
  })
})
