/**
 * An attachment fetched from a node behind a NAT that can be reached only through a relay:
 * the holder and the fetching node each sit behind their own NAT and share nothing but a
 * relayed connection.
 *
 * It failed (a 404 after the fetch timeout): bitswap opened its streams with libp2p's
 * `dialProtocol`, which reuses only unlimited connections, so with nothing but a relayed
 * connection to the holder it dialled the holder's addresses instead (a private address
 * that failed, or the relay again), as the sync pulls did before `openStream`.
 */
import { randomBytes } from 'node:crypto'
import { pathOf, ROUTES } from '@polder/api'
import { waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practice } from '../collective/records.js'
import { connectionsTo, relayedAddress, relayedMembers, skipReason } from './hosts.js'

const skip = skipReason()
/** A few MB: many blocks and bitswap messages, far within the relay's data limit (64 MiB). */
const BYTES = 3 * 1000 * 1000
/** Far beyond a relayed fetch of a few MB (seconds), the fetch timeout below included. */
const FETCH_TIMEOUT_MS = 120_000

describe.skipIf(skip !== undefined)('an attachment between two NATs, through a relay', () => {
  const { member } = relayedMembers({
    // a block not there within 30 s in all is a failure (the default waits longer)
    POLDER_FETCH_TIMEOUT: '15',
  })

  it('fetches a file of a few MB byte-identical over the relayed connection', async () => {
    const holder = await member('h')
    await relayedAddress(holder)
    const bytes = randomBytes(BYTES)
    const uploaded = await fetch(
      `${holder.url}${pathOf(ROUTES.uploadAttachment, { query: { name: 'plan.bin' } })}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${holder.token}`,
          'content-type': 'application/octet-stream',
        },
        body: bytes,
        signal: AbortSignal.timeout(60_000),
      },
    )
    expect(uploaded.status).toBe(201)
    const { cid } = ROUTES.uploadAttachment.responses[201].schema.parse(await uploaded.json())
    const fetcher = await member('f')
    await relayedAddress(fetcher)
    // a record synced: the two hold a connection, through the relay
    await holder.publish([practice(1, 'Almere')])
    await fetcher.follow(holder)
    await waitFor(async () => (await fetcher.count(holder.did)) === 1, {
      timeoutMs: FETCH_TIMEOUT_MS,
      what: "the holder's record on the fetching node",
    })

    const response = await fetch(`${fetcher.url}/v1/attachments/${cid}`, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    expect(response.status).toBe(200)
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
    // only through the relay: neither can be dialled directly
    const between = await connectionsTo(fetcher, holder)
    expect(between.length).toBeGreaterThan(0)
    expect(between.every((address) => address.includes('/p2p-circuit'))).toBe(true)
  }, 400_000)
})
