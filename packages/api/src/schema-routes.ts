/**
 * The record model over HTTP: JSON Schema per kind, vocabularies, the JSON-LD context,
 * and validation of a record without publishing it.
 */
import { lazySchema } from '@polder/schema'
import * as z from 'zod'
import { jsonObject, recordOutSchema } from './common.js'
import { json, route } from './route.js'

function vocabularies() {
  const label = z.strictObject({ nl: z.string(), en: z.string() })
  const term = z.strictObject({ code: z.string(), label })
  const region = z.strictObject({
    code: z.string(),
    name: z.string(),
    province: z.string().optional(),
  })
  return z.strictObject({
    kinds: z.array(term),
    themes: z.array(term.extend({ sdgs: z.array(z.number().int()) })),
    sdgs: z.array(z.strictObject({ number: z.number().int(), label })),
    organizationTypes: z.array(term),
    practiceStatuses: z.array(term),
    barriers: z.array(term),
    impactDimensions: z.array(term),
    fundingSources: z.array(term),
    relationTypes: z.array(term),
    provinces: z.array(region),
    municipalities: z.array(region),
    questionStatuses: z.array(term),
    urgencies: z.array(term),
    standardTypes: z.array(term),
    standards: z.array(
      term.extend({
        maintainer: z.string(),
        url: z.string(),
        type: z.string().describe('A code of standardTypes'),
        description: label,
      }),
    ),
  })
}

export const vocabulariesSchema = lazySchema(vocabularies)

export const kindParams = lazySchema(() =>
  z.strictObject({
    kind: z.string().min(1).max(100).describe('A record kind, or tombstone'),
  }),
)

export const schemaFormQuery = lazySchema(() =>
  z.strictObject({
    form: z
      .enum(['stored', 'draft'])
      .optional()
      .describe(
        'stored (default): a record with its envelope, as served; draft: what to publish, without the fields the node fills in (id and created optional)',
      ),
  }),
)

export const schemaRoutes = {
  listSchemas: route({
    method: 'GET',
    path: '/v1/schema',
    summary: 'The record kinds and their JSON Schemas',
    tags: ['schema'],
    responses: {
      200: json(
        lazySchema(() =>
          z.strictObject({
            kinds: z.array(z.string()),
            schemas: z.record(z.string(), z.string()).describe('The path of each kind’s schema'),
          }),
        ),
      ),
    },
  }),
  getKindSchema: route({
    method: 'GET',
    path: '/v1/schema/{kind}',
    summary: 'The JSON Schema of a record kind (or tombstone)',
    tags: ['schema'],
    params: kindParams,
    query: schemaFormQuery,
    responses: { 200: json(jsonObject, 'A JSON Schema (draft 2020-12)') },
  }),
  getVocabularies: route({
    method: 'GET',
    path: '/v1/vocabularies',
    summary: 'Themes, statuses, regions and other code lists',
    tags: ['schema'],
    responses: { 200: json(vocabulariesSchema) },
  }),
  getContext: route({
    method: 'GET',
    path: '/v1/context.jsonld',
    summary: 'The JSON-LD context of records',
    tags: ['schema'],
    responses: {
      200: {
        description: 'The context',
        mediaType: 'application/ld+json',
        schema: lazySchema(() => z.strictObject({ '@context': jsonObject })),
      },
    },
  }),
  validateRecord: route({
    method: 'POST',
    path: '/v1/validate',
    summary:
      'Validate a record without publishing it, as publish would: 200, or 422 with every problem',
    tags: ['schema'],
    body: lazySchema(() =>
      z
        .unknown()
        .describe(
          'A draft, as to publish (the node fills in id, author, created …), or a stored record with its envelope (author and version given)',
        ),
    ),
    responses: {
      200: json(
        lazySchema(() =>
          z.strictObject({
            ok: z.literal(true),
            record: recordOutSchema,
            bytes: z.number().int().describe('Its canonical encoding’s size'),
          }),
        ),
        'Valid: the record with its defaults',
      ),
    },
  }),
} as const
