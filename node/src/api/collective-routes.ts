/** The collective: organisations and trust actions, peers, and sync status. */
import { multiaddr } from '@multiformats/multiaddr'
import { isDid } from '@polder/schema'
import type { Network, Replicator, Store } from '@polder/store'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { requireToken } from './auth.js'
import { problem } from './problem.js'

export interface CollectiveRoutesInit {
  readonly store: Store
  readonly network: Network
  readonly replicator: Replicator
  readonly token: string
}

function badDid(reply: FastifyReply, did: string) {
  return reply
    .code(400)
    .type('application/problem+json')
    .send(problem(400, 'invalid-did', `Not an organisation's did:key: ${did}`))
}

export function collectiveRoutes({ store, network, replicator, token }: CollectiveRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const auth = requireToken(token)

    app.get('/v1/follows', async () => ({ follows: store.follows() }))

    app.put<{ Params: { did: string } }>(
      '/v1/follows/:did',
      { preHandler: auth },
      async (request, reply) => {
        const { did } = request.params
        if (!isDid(did)) return badDid(reply, did)
        if (did === store.did) {
          return reply
            .code(409)
            .type('application/problem+json')
            .send(problem(409, 'follow-self', 'A node does not follow its own organisation'))
        }
        await store.follow(did)
        void replicator.sync(did, { check: true })
        return reply.code(200).send(await replicator.statusOf(did))
      },
    )

    app.delete<{ Params: { did: string } }>(
      '/v1/follows/:did',
      { preHandler: auth },
      async (request, reply) => {
        const { did } = request.params
        if (!isDid(did)) return badDid(reply, did)
        store.unfollow(did)
        return reply.code(204).send()
      },
    )

    app.get('/v1/sync', async () => ({ logs: await replicator.status() }))

    app.get<{ Params: { did: string } }>('/v1/sync/:did', async (request, reply) => {
      const { did } = request.params
      if (!isDid(did)) return badDid(reply, did)
      if (!store.replicatedLogs().includes(did)) {
        return reply
          .code(404)
          .type('application/problem+json')
          .send(problem(404, 'not-replicated', `This node does not replicate ${did}`))
      }
      return replicator.statusOf(did)
    })

    // compare heads with peers now, instead of at the next interval
    app.post('/v1/sync', { preHandler: auth }, async () => {
      await replicator.repair()
      return { logs: await replicator.status() }
    })

    app.post<{ Body: { address?: unknown } }>(
      '/v1/peers',
      { preHandler: auth },
      async (request, reply) => {
        const address = request.body?.address
        let target: ReturnType<typeof multiaddr>
        try {
          if (typeof address !== 'string') throw new Error('address: a multiaddr string')
          target = multiaddr(address)
        } catch (err) {
          return reply
            .code(400)
            .type('application/problem+json')
            .send(problem(400, 'invalid-address', (err as Error).message))
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
          return reply
            .code(502)
            .type('application/problem+json')
            .send(
              problem(502, 'dial-failed', `Could not connect to ${address}`, {
                detail: (err as Error).message,
              }),
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
