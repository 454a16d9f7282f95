/** The collective: organisations and trust actions, vouches, peers, and sync status. */
import { multiaddr } from '@multiformats/multiaddr'
import { isDid, type LangMap } from '@polder/schema'
import { type Collective, latestProfile, type Network } from '@polder/store'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireToken } from './auth.js'
import { problem } from './problem.js'

export interface CollectiveRoutesInit {
  readonly collective: Collective
  readonly network: Network
  readonly token: string
}

function send(reply: FastifyReply, status: number, slug: string, title: string, detail?: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problem(status, slug, title, detail === undefined ? {} : { detail }))
}

const badDid = (reply: FastifyReply, did: string) =>
  send(reply, 400, 'invalid-did', `Not an organisation's did:key: ${did}`)

export function collectiveRoutes({ collective, network, token }: CollectiveRoutesInit) {
  const { store, replicator, trust } = collective
  return async (app: FastifyInstance): Promise<void> => {
    const auth = requireToken(token)

    /** What every organisation's entry needs, read once per request. */
    const trustState = () => ({
      vouchers: trust.vouchers(),
      blocked: new Map(store.directory.blocked().map((entry) => [entry.did, entry])),
      follows: new Set(store.follows()),
    })

    /** An organisation this node knows of, with its trust state. */
    const organization = (did: string, state: ReturnType<typeof trustState>) => {
      const known = store.directory.known(did)
      const profile = known?.profile ?? latestProfile(store, did)
      const blocked = state.blocked.get(did)
      return {
        did,
        name: profile !== undefined && 'title' in profile ? profile.title : undefined,
        orgType: (profile as { orgType?: string } | undefined)?.orgType,
        self: did === store.did,
        followed: state.follows.has(did),
        blocked: blocked !== undefined,
        blockReason: blocked?.reason,
        trust: collective.trustOf(did) ?? null,
        vouchedBy: state.vouchers.get(did) ?? [],
        records: store.count(did),
        lastSeen: known?.lastSeen,
        peer: known?.peer,
      }
    }

    app.get('/v1/orgs', async () => {
      const state = trustState()
      const dids = new Set<string>([
        store.did,
        ...state.follows,
        ...store.logs(),
        ...store.directory.allKnown().map((org) => org.did),
        ...state.blocked.keys(),
        ...state.vouchers.keys(),
      ])
      return {
        mode: trust.mode,
        vouches: trust.vouches,
        organizations: [...dids].map((did) => organization(did, state)),
      }
    })

    app.get<{ Params: { did: string } }>('/v1/orgs/:did', async (request, reply) => {
      const { did } = request.params
      if (!isDid(did)) return badDid(reply, did)
      return organization(did, trustState())
    })

    app.get('/v1/follows', async () => ({ follows: store.follows() }))

    app.put<{ Params: { did: string } }>(
      '/v1/follows/:did',
      { preHandler: auth },
      async (request, reply) => {
        const { did } = request.params
        if (!isDid(did)) return badDid(reply, did)
        if (did === store.did)
          return send(reply, 409, 'follow-self', 'A node does not follow its own organisation')
        await collective.follow(did)
        return organization(did, trustState())
      },
    )

    app.delete<{ Params: { did: string } }>(
      '/v1/follows/:did',
      { preHandler: auth },
      async (request, reply) => {
        const { did } = request.params
        if (!isDid(did)) return badDid(reply, did)
        await collective.unfollow(did)
        return reply.code(204).send()
      },
    )

    app.put<{ Params: { did: string }; Body: { reason?: unknown } | undefined }>(
      '/v1/blocks/:did',
      { preHandler: auth },
      async (request, reply) => {
        const { did } = request.params
        if (!isDid(did)) return badDid(reply, did)
        if (did === store.did)
          return send(reply, 409, 'block-self', 'A node cannot block its own organisation')
        const reason = request.body?.reason
        if (reason !== undefined && (typeof reason !== 'string' || reason.length > 1_000))
          return send(reply, 400, 'bad-request', 'reason: a text of at most 1,000 characters')
        const dropped = await collective.block(did, reason ?? '')
        return { did, blocked: true, recordsDropped: dropped }
      },
    )

    app.delete<{ Params: { did: string } }>(
      '/v1/blocks/:did',
      { preHandler: auth },
      async (request, reply) => {
        const { did } = request.params
        if (!isDid(did)) return badDid(reply, did)
        if (!(await collective.unblock(did)))
          return send(reply, 404, 'not-blocked', `${did} is not blocked`)
        return reply.code(204).send()
      },
    )

    // a vouch is a public record of the own organisation: "this DID is organisation X"
    app.post<{ Body: { subject?: unknown; name?: unknown; language?: unknown } | undefined }>(
      '/v1/vouches',
      { preHandler: auth },
      async (request, reply) => {
        const { subject, name } = request.body ?? {}
        const language = typeof request.body?.language === 'string' ? request.body.language : 'nl'
        if (typeof subject !== 'string' || !isDid(subject)) return badDid(reply, String(subject))
        if (typeof name !== 'string' || name.trim() === '')
          return send(reply, 400, 'bad-request', "name: the organisation's name, as you know it")
        const record = await store.publish({
          kind: 'vouch',
          languages: [language],
          title: { [language]: name.trim() } as LangMap,
          subject,
        } as never)
        return reply.code(201).send(record)
      },
    )

    app.get('/v1/sync', async () => ({ logs: await replicator.status() }))

    app.get<{ Params: { did: string } }>('/v1/sync/:did', async (request, reply) => {
      const { did } = request.params
      if (!isDid(did)) return badDid(reply, did)
      if (!replicator.replicated().includes(did))
        return send(reply, 404, 'not-replicated', `This node does not replicate ${did}`)
      return replicator.statusOf(did)
    })

    // compare heads with peers now, instead of at the next interval
    app.post('/v1/sync', { preHandler: auth }, async () => {
      await replicator.repair()
      return { logs: await replicator.status() }
    })

    app.post<{ Body: { address?: unknown } | undefined }>(
      '/v1/peers',
      { preHandler: auth },
      async (request, reply) => {
        const address = request.body?.address
        let target: ReturnType<typeof multiaddr>
        try {
          if (typeof address !== 'string') throw new Error('address: a multiaddr string')
          target = multiaddr(address)
        } catch (err) {
          return send(reply, 400, 'invalid-address', (err as Error).message)
        }
        try {
          const connection = await network.libp2p.dial(target, {
            signal: AbortSignal.timeout(10_000),
          })
          return {
            peerId: connection.remotePeer.toString(),
            address: connection.remoteAddr.toString(),
          }
        } catch (err) {
          return send(
            reply,
            502,
            'dial-failed',
            `Could not connect to ${address}`,
            (err as Error).message,
          )
        }
      },
    )

    app.get('/v1/peers', async () => {
      const offences = new Map(replicator.offences().map((entry) => [entry.peer, entry.offences]))
      return {
        peers: network.libp2p.getConnections().map((connection) => ({
          peerId: connection.remotePeer.toString(),
          address: connection.remoteAddr.toString(),
          direction: connection.direction,
          offences: offences.get(connection.remotePeer.toString()) ?? 0,
        })),
        offenders: replicator.offences(),
      }
    })
  }
}
