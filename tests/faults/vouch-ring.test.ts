/**
 * A ring of two followed members vouches for hundreds of made-up identities. What web of
 * trust guarantees (docs/protocol.md): each followed organisation's newest
 * POLDER_TRUST_VOUCHES_PER_VOUCHER vouches count, so a ring makes at most that many
 * identities trusted; and trust does not pass on: a vouch by an organisation that is only
 * vouched for, not followed, counts for nothing.
 */
import { randomBytes } from 'node:crypto'
import { didFromEd25519PublicKey } from '@polder/schema'
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const RING_VOUCHES = 300
const COUNTED = 100

const vouchFor = (subject: string, n: number) => ({
  kind: 'vouch',
  languages: ['nl'],
  title: { nl: `Organisatie ${n}` },
  subject,
})

const randomDid = () => didFromEd25519PublicKey(randomBytes(32))

describe('a vouch ring', () => {
  it(`makes at most ${COUNTED} identities trusted, and a vouched organisation's vouches do not count`, async () => {
    await using network = await TestNetwork.create({
      nodes: 4,
      // 0 follows the ring (1 and 2); 3 is a real organisation the ring vouches for
      topology: 'star',
      follow: [
        [0, 1],
        [0, 2],
      ],
      node: (index) =>
        index === 0
          ? {
              env: {
                POLDER_TRUST: 'web-of-trust',
                POLDER_TRUST_VOUCHES: '2',
                POLDER_TRUST_VOUCHES_PER_VOUCHER: String(COUNTED),
              },
            }
          : {},
    })
    const [follower, a, b, vouched] = network.nodes as [TestNode, TestNode, TestNode, TestNode]
    // made-up identities, and the real organisation last: the newest vouch of both
    const subjects = [...Array.from({ length: RING_VOUCHES - 1 }, randomDid), vouched.did]
    const ringVouches = subjects.map((subject, n) => vouchFor(subject, n))
    await a.publish(ringVouches)
    await b.publish(ringVouches)
    // the vouched organisation vouches for another, which nobody followed vouches for
    const passedOn = randomDid()
    await vouched.publish([vouchFor(passedOn, 0)])

    await waitFor(
      async () =>
        (await follower.count(a.did)) === RING_VOUCHES &&
        (await follower.count(b.did)) === RING_VOUCHES &&
        // the vouched organisation is replicated: its own vouch is here, and still ignored
        (await follower.count(vouched.did)) === 1,
      { what: 'both rings of vouches and the vouched organisation’s vouch', timeoutMs: 90_000 },
    )

    const { organizations } = await follower.client.listOrgs()
    const trusted = organizations.filter((org) => org.trust === 'vouched').map((org) => org.did)
    expect(trusted).toHaveLength(COUNTED)
    // the newest COUNTED of each voucher, the same for both
    expect(new Set(trusted)).toEqual(new Set(subjects.slice(-COUNTED)))
    const older = await follower.client.getOrg({ params: { did: subjects[0] as string } })
    expect(older.trust).toBeNull()
    const notPassedOn = await follower.client.getOrg({ params: { did: passedOn } })
    expect(notPassedOn.trust).toBeNull()
    expect(notPassedOn.vouchedBy).toEqual([])
  }, 180_000)
})
