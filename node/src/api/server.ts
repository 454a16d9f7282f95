/** The HTTP API: Fastify on the configured address, problems as RFC 9457 documents. */
import { LIMITS } from '@polder/schema'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { problem } from './problem.js'
import { schemaRoutes } from './schema-routes.js'

export interface ApiServerInit {
  readonly logger: Logger
  readonly version: string
}

/** Request bodies: a record at its limit, as JSON, with room for escaping. */
const BODY_LIMIT = LIMITS.recordBytes * 2

export async function createApiServer(init: ApiServerInit): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: init.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
  })

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) reply.log.error({ err: error }, 'request failed')
    const slug = status === 413 ? 'payload-too-large' : status >= 500 ? 'internal' : 'bad-request'
    return reply
      .code(status)
      .type('application/problem+json')
      .send(problem(status, slug, status >= 500 ? 'Internal error' : error.message))
  })
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(problem(404, 'not-found', 'Not found', { detail: `${request.method} ${request.url}` })),
  )

  app.get('/health', async () => ({ status: 'ok', version: init.version }))
  await app.register(schemaRoutes)
  return app
}
