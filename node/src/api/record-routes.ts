/** The own organisation's records, and any record by global reference. */
import { formatRef, isTombstone, type LangMap, type RecordKind } from '@polder/schema'
import type { PublishInput, Store } from '@polder/store'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type * as z from 'zod'
import { requireToken } from './auth.js'
import { answerRecord } from './linked-data.js'
import { describe } from './openapi.js'
import { problem } from './problem.js'
import {
  editBody,
  listQuery,
  MAX_BULK,
  ownRecordParams,
  publishBody,
  recordParams,
  retractBody,
} from './schemas.js'

type Params = { Params: { id: string } }

export interface RecordRoutesInit {
  readonly store: Store
  readonly token: string
  /** The base of records' IRIs in linked data (see linked-data.ts). */
  readonly publicUrl?: string | undefined
}

const notFound = (reply: FastifyReply) =>
  reply
    .code(404)
    .type('application/problem+json')
    .send(problem(404, 'record-not-found', 'No such record'))

export function recordRoutes({ store, token, publicUrl }: RecordRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const auth = requireToken(token)

    app.get<{ Querystring: z.output<typeof listQuery> }>(
      '/v1/records',
      {
        schema: describe({
          summary: 'Records of an organisation (this node’s by default), by id',
          tags: ['records'],
          querystring: listQuery,
        }),
      },
      async (request) => {
        const { kind, author, after, limit, retracted } = request.query
        const records = store.list({
          kind: kind as RecordKind | undefined,
          author: author ?? store.did,
          after,
          limit,
          retracted: retracted === true,
        })
        return {
          records,
          total: store.count(author ?? store.did),
          next: records.length > 0 ? records.at(-1)?.id : undefined,
        }
      },
    )

    const read = (summary: string) => describe({ summary, tags: ['records'], params: recordParams })

    app.get<Params>(
      '/v1/records/:id',
      { schema: read('A record, tombstone included') },
      async (request, reply) => {
        const state = store.get(request.params.id)
        if (state === undefined) {
          return reply
            .code(404)
            .type('application/problem+json')
            .send(problem(404, 'record-not-found', 'No such record'))
        }
        return (await answerRecord(request, reply, state, publicUrl, store)) ?? state
      },
    )

    app.get<Params>(
      '/v1/records/:id/history',
      { schema: read('Every version, oldest first') },
      async (request, reply) => {
        const versions = store.history(request.params.id)
        if (versions.length === 0) {
          return reply
            .code(404)
            .type('application/problem+json')
            .send(problem(404, 'record-not-found', 'No such record'))
        }
        return { versions }
      },
    )

    const provenanceDoc = read('Where the current version came from, its signature checked again')
    app.get<Params>(
      '/v1/records/:id/provenance',
      { schema: provenanceDoc },
      async (request, reply) => {
        const provenance = await store.provenance(request.params.id)
        if (provenance === undefined) return notFound(reply)
        return provenance
      },
    )

    const relatedDoc = read('Records it relates to, and records relating to it')
    app.get<Params>('/v1/records/:id/related', { schema: relatedDoc }, async (request, reply) => {
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
      {
        onRequest: auth,
        schema: describe({
          summary: `Publish a record, or many (at most ${MAX_BULK.toLocaleString('en')}) all or nothing`,
          tags: ['records'],
          auth: true,
          body: publishBody,
          responses: { 201: 'The record (or { records }) as stored: signed, with its envelope' },
        }),
      },
      async (request, reply) => {
        const body = request.body
        if (Array.isArray(body))
          return reply.code(201).send({ records: await store.publishMany(body) })
        return reply.code(201).send(await store.publish(body))
      },
    )

    app.patch<{ Params: { id: string }; Body: Record<string, unknown> }>(
      '/v1/records/:id',
      {
        onRequest: auth,
        schema: describe({
          summary: 'Edit an own record: a new version with these fields changed',
          tags: ['records'],
          auth: true,
          params: ownRecordParams,
          body: editBody,
        }),
      },
      async (request) => store.update(request.params.id, request.body as never),
    )

    app.delete<{ Params: { id: string }; Body: { reason: LangMap } }>(
      '/v1/records/:id',
      {
        onRequest: auth,
        schema: describe({
          summary: 'Retract an own record, with a reason: a signed tombstone',
          tags: ['records'],
          auth: true,
          params: ownRecordParams,
          body: retractBody,
        }),
      },
      async (request) => store.retract(request.params.id, request.body.reason),
    )
  }
}
