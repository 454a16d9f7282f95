/** The own organisation's records, and any record by global reference. */
import type { LangMap } from '@polder/schema'
import type { PublishInput, Store } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import { requireToken } from './auth.js'
import { problem } from './problem.js'

export interface RecordRoutesInit {
  readonly store: Store
  readonly token: string
}

const KINDS = new Set([
  'practice',
  'lesson',
  'finding',
  'initiative',
  'lab',
  'adoption',
  'organization',
  'vouch',
])

export function recordRoutes({ store, token }: RecordRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const auth = requireToken(token)

    app.get<{
      Querystring: {
        kind?: string
        author?: string
        after?: string
        limit?: string
        retracted?: string
      }
    }>('/v1/records', async (request, reply) => {
      const { kind, author, after, limit, retracted } = request.query
      if (kind !== undefined && !KINDS.has(kind)) {
        return reply
          .code(400)
          .type('application/problem+json')
          .send(problem(400, 'bad-query', `Unknown kind "${kind}"`))
      }
      const records = store.list({
        kind: kind as never,
        author: author ?? store.did,
        after,
        limit: limit === undefined ? undefined : Number(limit) || 100,
        retracted: retracted === 'true',
      })
      return {
        records,
        total: store.count(author ?? store.did),
        next: records.length > 0 ? records.at(-1)?.id : undefined,
      }
    })

    app.get<{ Params: { id: string } }>('/v1/records/:id', async (request, reply) => {
      const state = store.get(request.params.id)
      if (state === undefined) {
        return reply
          .code(404)
          .type('application/problem+json')
          .send(problem(404, 'record-not-found', 'No such record'))
      }
      return state
    })

    app.get<{ Params: { id: string } }>('/v1/records/:id/history', async (request, reply) => {
      const versions = store.history(request.params.id)
      if (versions.length === 0) {
        return reply
          .code(404)
          .type('application/problem+json')
          .send(problem(404, 'record-not-found', 'No such record'))
      }
      return { versions }
    })

    app.post<{ Body: PublishInput | PublishInput[] }>(
      '/v1/records',
      { preHandler: auth },
      async (request, reply) => {
        const body = request.body
        if (Array.isArray(body))
          return reply.code(201).send({ records: await store.publishMany(body) })
        return reply.code(201).send(await store.publish(body))
      },
    )

    app.patch<{ Params: { id: string }; Body: Record<string, unknown> }>(
      '/v1/records/:id',
      { preHandler: auth },
      async (request) => store.update(request.params.id, request.body as never),
    )

    app.delete<{ Params: { id: string }; Body: { reason?: LangMap } | undefined }>(
      '/v1/records/:id',
      { preHandler: auth },
      async (request, reply) => {
        const reason = request.body?.reason
        if (reason === undefined) {
          return reply
            .code(422)
            .type('application/problem+json')
            .send(
              problem(422, 'invalid-record', 'A retraction needs a reason', {
                problems: [
                  {
                    path: '/reason',
                    code: 'required',
                    message: { en: 'is required', nl: 'is verplicht' },
                  },
                ],
              }),
            )
        }
        return store.retract(request.params.id, reason)
      },
    )
  }
}
