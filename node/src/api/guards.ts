/**
 * What every request passes before its route: CORS for the configured browser origins
 * only, a limit on the writes one client address may make per minute, and a separate
 * limit on its failed token attempts. A request with the right token is never refused for
 * others' failures: behind a reverse proxy every client is 127.0.0.1, and a stranger
 * guessing tokens must not lock the owner out.
 */
import { RateLimit } from '@polder/sync/local'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { tokenCheck } from './auth.js'
import { specOf } from './contract-route.js'
import { problem } from './problem.js'

export interface GuardsInit {
  readonly writesPerMinute: number
  /** Requests with a missing or wrong token one address may make per minute; then 429. */
  readonly failedAuthPerMinute?: number
  /** Origins allowed to call the API from a browser; the node's own pages need none. */
  readonly corsOrigins: readonly string[]
}

const isWrite = (schema: unknown) => specOf(schema)?.auth === true

/** Failed token attempts per address and minute, unless configured. */
export const FAILED_AUTH_PER_MINUTE = 60

function tooMany(reply: FastifyReply, limit: RateLimit, ip: string, title: string, detail: string) {
  const seconds = Math.ceil(limit.retryAfterMs(ip) / 1000)
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .type('application/problem+json')
    .send(problem(429, 'rate-limited', title, { detail: `${detail}; try again in ${seconds} s` }))
}

export function addGuards(
  app: FastifyInstance,
  init: GuardsInit & { readonly token: string },
): void {
  const writes = new RateLimit(init.writesPerMinute, 60_000)
  const failures = new RateLimit(init.failedAuthPerMinute ?? FAILED_AUTH_PER_MINUTE, 60_000)
  const hasToken = tokenCheck(init.token)
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
    if (!hasToken(request)) {
      // counted apart from writes: the route's own check answers 401 while under the limit
      if (failures.allow(request.ip)) return
      return tooMany(
        reply,
        failures,
        request.ip,
        'Too many requests with a wrong token',
        `At most ${init.failedAuthPerMinute ?? FAILED_AUTH_PER_MINUTE} requests a minute without the right token from one address`,
      )
    }
    if (writes.allow(request.ip)) return
    return tooMany(
      reply,
      writes,
      request.ip,
      'Too many writes',
      `At most ${init.writesPerMinute} writes a minute from one address`,
    )
  })
}
