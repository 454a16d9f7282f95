/** The collective: organisations and trust actions, vouches, peers, and sync status. */
import { multiaddr } from '@multiformats/multiaddr'
import { ROUTES } from '@polder/api'
import type { Network } from '@polder/net'
import type { LangMap } from '@polder/schema'
import { type Collective, latestProfile } from '@polder/sync'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { routeAdder } from './contract-route.js'
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

export function collectiveRoutes({ collective, network, token }: CollectiveRoutesInit) {
  const { store, replicator, trust } = collective
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })

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

    add(ROUTES.listOrgs, async () => {
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

    add(ROUTES.getOrg, async (request) => organization(request.params.did, trustState()))

    add(ROUTES.listFollows, async () => ({ follows: store.follows() }))

    add(ROUTES.follow, async (request, reply) => {
      const { did } = request.params
      if (did === store.did)
        return send(reply, 409, 'follow-self', 'A node does not follow its own organisation')
      await collective.follow(did)
      return organization(did, trustState())
    })

    add(ROUTES.unfollow, async (request, reply) => {
      await collective.unfollow(request.params.did)
      return reply.code(204).send()
    })

    add(ROUTES.block, async (request, reply) => {
      const { did } = request.params
      if (did === store.did)
        return send(reply, 409, 'block-self', 'A node cannot block its own organisation')
      const reason = request.body?.reason
      const dropped = await collective.block(did, reason ?? '')
      return { did, blocked: true as const, recordsDropped: dropped }
    })

    add(ROUTES.unblock, async (request, reply) => {
      const { did } = request.params
      if (!(await collective.unblock(did)))
        return send(reply, 404, 'not-blocked', `${did} is not blocked`)
      return reply.code(204).send()
    })

    // a vouch is a public record of the own organisation: "this DID is organisation X"
    add(ROUTES.vouch, async (request, reply) => {
      const { subject, name } = request.body
      const language = request.body.language ?? 'nl'
      const record = await store.publish({
        kind: 'vouch',
        languages: [language],
        title: { [language]: name.trim() } as LangMap,
        subject,
      } as never)
      return reply.code(201).send(record)
    })

    add(ROUTES.getSync, async () => ({ logs: await replicator.status() }))

    add(ROUTES.getSyncOf, async (request, reply) => {
      const { did } = request.params
      if (!replicator.replicated().includes(did))
        return send(reply, 404, 'not-replicated', `This node does not replicate ${did}`)
      return replicator.statusOf(did)
    })

    // compare heads with peers now, instead of at the next interval
    add(ROUTES.syncNow, async () => {
      await replicator.repair()
      return { logs: await replicator.status() }
    })

    add(ROUTES.connectPeer, async (request, reply) => {
      const { address } = request.body
      let target: ReturnType<typeof multiaddr>
      try {
        target = multiaddr(address)
      } catch (err) {
        return send(reply, 400, 'invalid-address', (err as Error).message)
      }
      try {
        // libp2p answers a dial of a connected peer with the connection it has
        const before = new Set(network.libp2p.getConnections().map((c) => c.id))
        const connection = await network.libp2p.dial(target, {
          signal: AbortSignal.timeout(10_000),
        })
        return {
          peerId: connection.remotePeer.toString(),
          address: connection.remoteAddr.toString(),
          existing: before.has(connection.id),
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
    })

    add(ROUTES.listPeers, async () => {
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
