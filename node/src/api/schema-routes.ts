/**
 * The record model over HTTP: JSON Schema per kind, vocabularies, the JSON-LD context,
 * and validation of a record without publishing it.
 */
import { ROUTES } from '@polder/api'
import {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  KIND_SCHEMAS,
  listValues,
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  PROVINCES,
  QUESTION_STATUSES,
  RECORD_KINDS,
  RELATION_TYPES,
  type RecordKind,
  recordJsonSchema,
  SDGS,
  STANDARD_TYPES,
  STANDARDS,
  THEMES,
  tombstoneJsonSchema,
  URGENCIES,
  validateForPublish,
} from '@polder/schema'
import type { FastifyInstance } from 'fastify'
import { routeAdder } from './contract-route.js'
import { servedContext } from './format-routes.js'
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
  questionStatuses: QUESTION_STATUSES,
  urgencies: URGENCIES,
  standardTypes: STANDARD_TYPES,
  standards: STANDARDS,
}

export interface SchemaRoutesInit {
  readonly token: string
  /** The organisation this node publishes as: a draft is checked as if by it. */
  readonly did: string
}

export function schemaRoutes({ token, did }: SchemaRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    add(ROUTES.listSchemas, async () => ({
      kinds: Object.keys(KIND_SCHEMAS),
      schemas: Object.fromEntries(
        Object.keys(KIND_SCHEMAS).map((kind) => [kind, `/v1/schema/${kind}`]),
      ),
    }))

    add(ROUTES.getKindSchema, async (request, reply) => {
      const { kind } = request.params
      if (kind === 'tombstone') return tombstoneJsonSchema()
      if (!Object.hasOwn(KIND_SCHEMAS, kind)) {
        const labelled = listValues(Object.keys(KIND_SCHEMAS))
        const kinds = { en: `${labelled.en}, tombstone`, nl: `${labelled.nl}, tombstone` }
        return reply
          .code(404)
          .type('application/problem+json')
          .send(
            problem(404, 'unknown-kind', 'Unknown record kind', {
              detail: `No kind "${kind}"; the kinds are ${kinds.en}`,
              problems: [
                {
                  path: '/params/kind',
                  code: 'invalid_value',
                  message: {
                    en: `must be one of ${kinds.en}`,
                    nl: `moet een van ${kinds.nl} zijn`,
                  },
                },
              ],
            }),
          )
      }
      return recordJsonSchema(kind as RecordKind, request.query.form ?? 'stored')
    })

    add(ROUTES.getVocabularies, async () => VOCABULARIES)

    add(ROUTES.getContext, async (_request, reply) =>
      reply.type('application/ld+json').send(await servedContext()),
    )

    add(ROUTES.validateRecord, async (request, reply) => {
      const result = validateForPublish(request.body, { author: did })
      if (result.ok)
        return { ok: true as const, record: result.value, bytes: result.bytes.byteLength }
      return reply
        .code(422)
        .type('application/problem+json')
        .send(
          problem(422, 'invalid-record', 'The record is not valid', { problems: result.problems }),
        )
    })
  }
}
