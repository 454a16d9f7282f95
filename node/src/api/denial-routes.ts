/** Peers and addresses the node refuses: listed, denied by hand, lifted. */
import { isIP } from 'node:net'
import { ROUTES } from '@polder/api'
import type { Denial } from '@polder/net'
import type { FastifyInstance } from 'fastify'
import type { NetworkParts } from '../parts/network-start.js'
import { routeAdder } from './contract-route.js'

export interface DenialRoutesInit {
  /** The network: started before a handler runs (server.ts waits). */
  readonly parts: () => NetworkParts
  readonly token: string
}

const DEFAULT_MINUTES = 60

const shown = (denial: Denial) => ({
  target: denial.target,
  kind: denial.kind,
  until: new Date(denial.until).toISOString(),
  source: denial.source,
  ...(denial.reason === undefined ? {} : { reason: denial.reason }),
})

export function denialRoutes({ parts, token }: DenialRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    const gate = () => parts().network.gate
    const libp2p = () => parts().network.libp2p

    add(ROUTES.listDenials, async () => ({ denied: gate().list().map(shown) }))

    add(ROUTES.deny, async (request) => {
      const { target } = request.params
      const minutes = request.body?.minutes ?? DEFAULT_MINUTES
      const denial = gate().deny(target, minutes * 60_000, request.body?.reason)
      // the gater only refuses new connections: close the ones that exist
      const byAddress = isIP(target) !== 0
      const connections = libp2p()
        .getConnections()
        .filter((connection) =>
          byAddress
            ? connection.remoteAddr.getComponents().some((c) => c.value === target)
            : connection.remotePeer.toString() === target,
        )
      await Promise.allSettled(connections.map((connection) => connection.close()))
      return { ...shown(denial), closed: connections.length }
    })

    add(ROUTES.liftDenial, async (request, reply) => {
      gate().lift(request.params.target)
      return reply.code(204).send()
    })
  }
}
