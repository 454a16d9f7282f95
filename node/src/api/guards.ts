/**
 * What every request passes before its route: CORS for the configured browser origins
 * only, and a limit on the writes one client address may make per minute.
 */
import { RateLimit } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import { specOf } from './contract-route.js'
import { problem } from './problem.js'

export interface GuardsInit {
  readonly writesPerMinute: number
  /** Origins allowed to call the API from a browser; the node's own pages need none. */
  readonly corsOrigins: readonly string[]
}

const isWrite = (schema: unknown) => specOf(schema)?.auth === true

export function addGuards(app: FastifyInstance, init: GuardsInit): void {
  const writes = new RateLimit(init.writesPerMinute, 60_000)
  const origins = new Set(init.corsOrigins)

  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin
    if (origin !== undefined && origins.has(origin)) {
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin')
      if (request.method === 'OPTIONS') {
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
          .header('access-control-allow-headers', 'authorization, content-type')
          .header('access-control-max-age', '600')
          .send()
      }
    }
    if (!isWrite(request.routeOptions.schema)) return
    // counted before the token is checked: guessing tokens is a write like any other
    if (writes.allow(request.ip)) return
    const seconds = Math.ceil(writes.retryAfterMs(request.ip) / 1000)
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .type('application/problem+json')
      .send(
        problem(429, 'rate-limited', 'Too many writes', {
          detail: `At most ${init.writesPerMinute} writes a minute from one address; try again in ${seconds} s`,
        }),
      )
  })
}
