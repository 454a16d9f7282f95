/** The own organisation's records, and any record by global reference. */
import { formatRef, isTombstone, type LangMap } from '@polder/schema'
import type { PublishInput, Store } from '@polder/store'
import type { FastifyInstance, FastifyReply } from 'fastify'
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

const notFound = (reply: FastifyReply) =>
  reply
    .code(404)
    .type('application/problem+json')
    .send(problem(404, 'record-not-found', 'No such record'))

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

    app.get<{ Params: { id: string } }>('/v1/records/:id/provenance', async (request, reply) => {
      const provenance = await store.provenance(request.params.id)
      if (provenance === undefined) return notFound(reply)
      return provenance
    })

    app.get<{ Params: { id: string } }>('/v1/records/:id/related', async (request, reply) => {
      const state = store.get(request.params.id)
      if (state === undefined) return notFound(reply)
      const titleOf = (ref: string) => {
        const target = store.get(ref)
        return target === undefined || isTombstone(target) ? undefined : target.title
      }
      const outgoing = isTombstone(state)
        ? []
        : state.relations.map((relation) => ({ ...relation, title: titleOf(relation.target) }))
      const incoming = store.relatedTo(request.params.id).flatMap(({ author, id, type }) => {
        const source = store.get(formatRef({ author, id }))
        if (source === undefined || isTombstone(source)) return []
        return [{ type, source: formatRef({ author, id }), kind: source.kind, title: source.title }]
      })
      return { outgoing, incoming }
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
