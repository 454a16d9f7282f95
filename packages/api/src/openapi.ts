/**
 * The OpenAPI 3.1 document, generated from the contract (never a hand-written copy):
 * every route with its operationId, parameters, request body and answers with their media
 * types and schemas, plus the record kinds' JSON Schemas from the record model.
 */
import { RECORD_KINDS, type RecordKind, recordJsonSchema } from '@polder/schema'
import * as z from 'zod'
import { organizationSchema, syncLogSchema } from './collective-routes.js'
import { jsonObject, recordStateSchema } from './common.js'
import { problemSchema } from './problem.js'
import { JSON_TYPE, PROBLEM_TYPE, type RouteSpec } from './route.js'
import { ROUTES } from './routes.js'
import { searchAnswerSchema } from './search-routes.js'

export interface OpenApiInit {
  readonly version: string
}

type JsonSchema = Record<string, unknown>

const toJson = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema
  return rest
}

/** Query and path parameters of an object schema, one per property. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (schema === undefined) return []
  const object = toJson(schema, 'input') as {
    properties?: Record<string, JsonSchema>
    required?: string[]
  }
  return Object.entries(object.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: where,
      required: where === 'path' || (object.required ?? []).includes(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    }
  })
}

const PROBLEM = { $ref: '#/components/schemas/Problem' }
const BINARY = { type: 'string', contentMediaType: 'application/octet-stream' }

/** Response schemas, named, so each appears once in `components` (records are large). */
type Named = z.core.$ZodRegistry<{ id: string }>

/** A `$ref` to a response schema, named after the first operation that answers with it. */
function refTo(named: Named, schema: z.ZodType, name: string): JsonSchema {
  if (!named.has(schema)) named.add(schema, { id: name })
  return { $ref: `${COMPONENTS}${named.get(schema)?.id}` }
}

const COMPONENTS = '#/components/schemas/'

function operation(operationId: string, spec: RouteSpec, named: Named): JsonSchema {
  const responses: JsonSchema = {}
  for (const [status, answer] of Object.entries(spec.responses)) {
    const mediaType = answer.mediaType ?? JSON_TYPE
    const name = `${operationId[0]?.toUpperCase()}${operationId.slice(1)}${status}`
    const schema =
      answer.schema !== undefined
        ? refTo(named, answer.schema, name)
        : answer.stream === true
          ? mediaType === 'text/event-stream'
            ? { type: 'string' }
            : BINARY
          : undefined
    const content: JsonSchema = schema === undefined ? {} : { [mediaType]: { schema } }
    for (const other of answer.alsoAs ?? []) content[other] = { schema: { type: 'string' } }
    responses[status] = {
      description: answer.description,
      ...(Object.keys(content).length === 0 ? {} : { content }),
    }
  }
  responses['4XX'] = {
    description: 'A problem with the request (RFC 9457)',
    content: { [PROBLEM_TYPE]: { schema: PROBLEM } },
  }
  responses['5XX'] = {
    description: 'A problem on the node (RFC 9457), never with internals',
    content: { [PROBLEM_TYPE]: { schema: PROBLEM } },
  }
  const bodyType = spec.bodyMediaType ?? JSON_TYPE
  return {
    operationId,
    summary: spec.summary,
    tags: spec.tags,
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    ...(spec.body === undefined
      ? {}
      : {
          requestBody: {
            required: !spec.body.safeParse(undefined).success,
            content: {
              [bodyType]: { schema: bodyType === JSON_TYPE ? toJson(spec.body, 'input') : BINARY },
            },
          },
        }),
    responses,
    ...(spec.auth === true ? { security: [{ token: [] }] } : {}),
  }
}

/** The operation of a HEAD request: the GET's, without a body. */
function headOf(get: JsonSchema): JsonSchema {
  const responses = Object.fromEntries(
    Object.entries(get.responses as Record<string, JsonSchema>).map(([status, answer]) => [
      status,
      { description: answer.description },
    ]),
  )
  return {
    ...get,
    operationId: `${get.operationId}Head`,
    summary: `Headers of: ${get.summary}`,
    responses,
  }
}

function paths(named: Named): Record<string, Record<string, JsonSchema>> {
  const out: Record<string, Record<string, JsonSchema>> = {}
  for (const [operationId, spec] of Object.entries(ROUTES) as [string, RouteSpec][]) {
    const entry = out[spec.path] ?? {}
    const op = operation(operationId, spec, named)
    entry[spec.method.toLowerCase()] = op
    if (spec.head === true) entry.head = headOf(op)
    out[spec.path] = entry
  }
  return out
}

/** The whole document. */
export function openApiDocument(init: OpenApiInit): JsonSchema {
  const named: Named = z.registry<{ id: string }>()
  named.add(problemSchema, { id: 'Problem' })
  named.add(recordStateSchema, { id: 'RecordState' })
  named.add(jsonObject, { id: 'JsonObject' })
  named.add(searchAnswerSchema, { id: 'SearchAnswer' })
  named.add(organizationSchema, { id: 'Organization' })
  named.add(syncLogSchema, { id: 'SyncLog' })
  const routes = paths(named)
  const { schemas } = z.toJSONSchema(named, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `${COMPONENTS}${id}`,
  }) as { schemas: Record<string, JsonSchema> }
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]),
  )
  return {
    openapi: '3.1.0',
    info: {
      title: 'Polder node API',
      version: init.version,
      description:
        'The HTTP API of a Polder node: its own records, any replicated record, search, ' +
        'the collective (organisations, trust, peers, sync) and live events. Binds ' +
        '127.0.0.1 by default; writes need the node’s API token (the file api-token in ' +
        'its data directory) as a bearer token.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: '/' }],
    paths: routes,
    components: {
      securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ...components,
        ...Object.fromEntries(
          RECORD_KINDS.map((kind) => [kind.code, recordJsonSchema(kind.code as RecordKind)]),
        ),
      },
    },
  }
}
