/**
 * A cold sync between two nodes each behind its own NAT, through a relay, as the bench's
 * relayed cold sync runs it: the publisher holds its reservation and its records before the
 * follower joins; the follower learns of it from the relay's directory, follows it and
 * pulls everything over a relayed connection. A long repair interval, so that only the
 * follow starts the sync: a pull that failed once is not saved by the next repair.
 *
 * It hung (2 of 4 bench runs): libp2p opens a stream only on an unlimited connection, so
 * with nothing but a relayed connection to the publisher the pull dialled the addresses in
 * the peer store (a private address, or the relay again, a new relayed connection closed
 * while it opened), and the failed pull set the publisher aside for the whole repair
 * interval.
 */
import { waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practices } from '../collective/records.js'
import { connectionsTo, relayedAddress, relayedMembers, skipReason } from './hosts.js'

const skip = skipReason()
const RECORDS = 300
/** Records per publish: a log of many entries, as records published one by one make. */
const PER_PUBLISH = 3
/** Far beyond a relayed sync of 300 records (a few seconds), far below the repair interval. */
const SYNC_TIMEOUT_MS = 120_000

describe.skipIf(skip !== undefined)('a cold sync between two NATs, through a relay', () => {
  const { member } = relayedMembers({
    // only the follow itself starts the sync
    POLDER_SYNC_INTERVAL: '600',
  })

  it('pulls every record over the relayed connection, first time', async () => {
    const publisher = await member('p')
    await relayedAddress(publisher)
    for (let i = 0; i < RECORDS; i += PER_PUBLISH)
      await publisher.publish(practices(i, PER_PUBLISH))
    const follower = await member('f')
    await relayedAddress(follower)
    await follower.follow(publisher)
    await waitFor(async () => (await follower.count(publisher.did)) === RECORDS, {
      timeoutMs: SYNC_TIMEOUT_MS,
      what: `the publisher's ${RECORDS} records on the follower`,
    })
    // only through the relay: neither can be dialled directly
    const between = await connectionsTo(follower, publisher)
    expect(between.length).toBeGreaterThan(0)
    expect(between.every((address) => address.includes('/p2p-circuit'))).toBe(true)
  }, 400_000)
})
