/** The own organisation's records, and any record by global reference. */
import { ROUTES } from '@polder/api'
import { formatRef, isTombstone, type RecordKind } from '@polder/schema'
import type { PublishInput, Store } from '@polder/store'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { routeAdder } from './contract-route.js'
import { answerRecord } from './linked-data.js'
import { problem } from './problem.js'

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
    const add = routeAdder(app, { token })

    add(ROUTES.listRecords, async (request) => {
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
    })

    add(ROUTES.getRecord, async (request, reply) => {
      const state = store.get(request.params.id)
      if (state === undefined) return notFound(reply)
      // JSON unless Accept asks for linked data or a citation (docs/formats.md)
      return (await answerRecord(request, reply, state, publicUrl, store)) ?? state
    })

    add(ROUTES.getRecordHistory, async (request, reply) => {
      const versions = store.history(request.params.id)
      if (versions.length === 0) return notFound(reply)
      return { versions }
    })

    add(ROUTES.getRecordProvenance, async (request, reply) => {
      const provenance = await store.provenance(request.params.id)
      if (provenance === undefined) return notFound(reply)
      return provenance
    })

    add(ROUTES.getRelatedRecords, async (request, reply) => {
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

    add(ROUTES.publishRecords, async (request, reply) => {
      const body = request.body as PublishInput | PublishInput[]
      // content the organisation published already is refused unless forced (a file sent twice)
      const options = { refuseDuplicates: request.query.force !== true }
      if (Array.isArray(body))
        return reply.code(201).send({ records: await store.publishMany(body, options) })
      const [record] = await store.publishMany([body], options)
      return reply.code(201).send(record)
    })

    add(ROUTES.editRecord, async (request) =>
      store.update(request.params.id, request.body as never),
    )

    add(ROUTES.retractRecord, async (request) =>
      store.retract(request.params.id, request.body.reason),
    )
  }
}
