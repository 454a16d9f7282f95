/**
 * The record model over HTTP: JSON Schema per kind, vocabularies, the JSON-LD context,
 * and validation of a record without publishing it.
 */
import {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  KIND_SCHEMAS,
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  PROVINCES,
  RECORD_KINDS,
  RELATION_TYPES,
  type RecordKind,
  recordJsonSchema,
  SDGS,
  THEMES,
  tombstoneJsonSchema,
  validateRecord,
} from '@polder/schema'
import type { FastifyInstance } from 'fastify'
import { servedContext } from './format-routes.js'
import { describe } from './openapi.js'
import { problem } from './problem.js'

const VOCABULARIES = {
  kinds: RECORD_KINDS,
  themes: THEMES,
  sdgs: SDGS,
  organizationTypes: ORGANIZATION_TYPES,
  practiceStatuses: PRACTICE_STATUSES,
  barriers: BARRIERS,
  impactDimensions: IMPACT_DIMENSIONS,
  fundingSources: FUNDING_SOURCES,
  relationTypes: RELATION_TYPES,
  provinces: PROVINCES,
  municipalities: MUNICIPALITIES,
}

export async function schemaRoutes(app: FastifyInstance): Promise<void> {
  const doc = (summary: string) => describe({ summary, tags: ['schema'] })
  app.get('/v1/schema', { schema: doc('The record kinds and their JSON Schemas') }, async () => ({
    kinds: Object.keys(KIND_SCHEMAS),
    schemas: Object.fromEntries(
      Object.keys(KIND_SCHEMAS).map((kind) => [kind, `/v1/schema/${kind}`]),
    ),
  }))

  const kindDoc = doc('The JSON Schema of a record kind (or tombstone)')
  app.get<{ Params: { kind: string } }>(
    '/v1/schema/:kind',
    { schema: kindDoc },
    async (request, reply) => {
      const { kind } = request.params
      if (kind === 'tombstone') return tombstoneJsonSchema()
      if (!Object.hasOwn(KIND_SCHEMAS, kind)) {
        return reply
          .code(404)
          .type('application/problem+json')
          .send(
            problem(404, 'unknown-kind', 'Unknown record kind', { detail: `No kind "${kind}"` }),
          )
      }
      return recordJsonSchema(kind as RecordKind)
    },
  )

  app.get(
    '/v1/vocabularies',
    { schema: doc('Themes, statuses, regions and other code lists') },
    async () => VOCABULARIES,
  )

  app.get(
    '/v1/context.jsonld',
    { schema: doc('The JSON-LD context of records') },
    async (_request, reply) => reply.type('application/ld+json').send(await servedContext()),
  )

  const validateDoc = doc('Validate a record without publishing it: 200, or 422 with every problem')
  app.post('/v1/validate', { schema: validateDoc }, async (request, reply) => {
    const result = validateRecord(request.body)
    if (result.ok) return { ok: true, record: result.value, bytes: result.bytes.byteLength }
    return reply
      .code(422)
      .type('application/problem+json')
      .send(
        problem(422, 'invalid-record', 'The record is not valid', { problems: result.problems }),
      )
  })
}
