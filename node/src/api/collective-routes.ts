/** The collective: organisations and trust actions, vouches, peers, and sync status. */
import { multiaddr } from '@multiformats/multiaddr'
import { ROUTES } from '@polder/api'
import { isTombstone, type LangMap, type PolderRecord } from '@polder/schema'
import type { Store } from '@polder/store'
import { latestProfile } from '@polder/sync/local'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { NetworkParts } from '../parts/network-start.js'
import { routeAdder } from './contract-route.js'
import { problem } from './problem.js'

export interface CollectiveRoutesInit {
  readonly store: Store
  /** The collective and the network: started before a handler runs (server.ts waits). */
  readonly parts: () => NetworkParts
  readonly token: string
}

function send(reply: FastifyReply, status: number, slug: string, title: string, detail?: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send(problem(status, slug, title, detail === undefined ? {} : { detail }))
}

/** An organisation's name from its profile (announced or held), if any. */
function nameOf(store: Store, did: string): LangMap | undefined {
  const profile = store.directory.known(did)?.profile ?? latestProfile(store, did)
  return profile !== undefined && 'title' in profile ? profile.title : undefined
}

/**
 * The vouch held here that names each organisation: the own organisation's first, then
 * a followed one's, then any (the newest of each).
 */
function vouchNames(store: Store): Map<string, PolderRecord & { subject: string }> {
  const follows = new Set(store.follows())
  const rank = (author: string) => (author === store.did ? 0 : follows.has(author) ? 1 : 2)
  const names = new Map<string, PolderRecord & { subject: string }>()
  for (const state of store.list({ kind: 'vouch', limit: 10_000 })) {
    if (isTombstone(state) || state.kind !== 'vouch') continue
    const current = names.get(state.subject)
    if (
      current === undefined ||
      rank(state.author) < rank(current.author) ||
      (rank(state.author) === rank(current.author) && state.updated > current.updated)
    )
      names.set(state.subject, state)
  }
  return names
}

export function collectiveRoutes({ store, parts, token }: CollectiveRoutesInit) {
  const collective = () => parts().collective
  const replicator = () => parts().collective.replicator
  const trust = () => parts().collective.trust
  const network = () => parts().network
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })

    /** What every organisation's entry needs, read once per request. */
    const trustState = () => ({
      vouchers: trust().vouchers(),
      blocked: new Map(store.directory.blocked().map((entry) => [entry.did, entry])),
      follows: new Set(store.follows()),
      held: new Set(store.logs()),
      vouchNames: vouchNames(store),
    })

    /** An organisation this node knows of, with its trust state. */
    const organization = (did: string, state: ReturnType<typeof trustState>) => {
      const known = store.directory.known(did)
      const profile = known?.profile ?? latestProfile(store, did)
      const blocked = state.blocked.get(did)
      const vouch = profile === undefined ? state.vouchNames.get(did) : undefined
      const byProfile = vouch === undefined ? undefined : nameOf(store, vouch.author)
      return {
        did,
        name: profile !== undefined && 'title' in profile ? profile.title : undefined,
        orgType: (profile as { orgType?: string } | undefined)?.orgType,
        self: did === store.did,
        followed: state.follows.has(did),
        blocked: blocked !== undefined,
        blockReason: blocked?.reason,
        trust: collective().trustOf(did) ?? null,
        vouchedBy: state.vouchers.get(did) ?? [],
        held: state.held.has(did),
        ...(vouch === undefined
          ? {}
          : {
              namedBy: {
                name: vouch.title,
                by: vouch.author,
                ...(byProfile === undefined ? {} : { byName: byProfile }),
              },
            }),
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
        ...state.vouchNames.keys(),
      ])
      return {
        mode: trust().mode,
        vouches: trust().vouches,
        organizations: [...dids].map((did) => organization(did, state)),
      }
    })

    add(ROUTES.getOrg, async (request) => organization(request.params.did, trustState()))

    add(ROUTES.listFollows, async () => ({ follows: store.follows() }))

    add(ROUTES.follow, async (request, reply) => {
      const { did } = request.params
      if (did === store.did)
        return send(reply, 409, 'follow-self', 'A node does not follow its own organisation')
      await collective().follow(did)
      return organization(did, trustState())
    })

    add(ROUTES.unfollow, async (request, reply) => {
      await collective().unfollow(request.params.did)
      return reply.code(204).send()
    })

    add(ROUTES.block, async (request, reply) => {
      const { did } = request.params
      if (did === store.did)
        return send(reply, 409, 'block-self', 'A node cannot block its own organisation')
      const reason = request.body?.reason
      const dropped = await collective().block(did, reason ?? '')
      return { did, blocked: true as const, recordsDropped: dropped }
    })

    add(ROUTES.unblock, async (request, reply) => {
      const { did } = request.params
      if (!(await collective().unblock(did)))
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

    add(ROUTES.getSync, async () => ({ logs: await replicator().status() }))

    add(ROUTES.getSyncOf, async (request, reply) => {
      const { did } = request.params
      if (!replicator().replicated().includes(did))
        return send(reply, 404, 'not-replicated', `This node does not replicate ${did}`)
      return replicator().statusOf(did)
    })

    // compare heads with peers now, instead of at the next interval
    add(ROUTES.syncNow, async () => {
      await replicator().repair()
      return { logs: await replicator().status() }
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
        const before = new Set(
          network()
            .libp2p.getConnections()
            .map((c) => c.id),
        )
        const connection = await network().libp2p.dial(target, {
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
      const offences = new Map(
        replicator()
          .offences()
          .map((entry) => [entry.peer, entry.offences]),
      )
      return {
        peers: network()
          .libp2p.getConnections()
          .map((connection) => ({
            peerId: connection.remotePeer.toString(),
            address: connection.remoteAddr.toString(),
            direction: connection.direction,
            offences: offences.get(connection.remotePeer.toString()) ?? 0,
          })),
        offenders: replicator().offences(),
      }
    })
  }
}
