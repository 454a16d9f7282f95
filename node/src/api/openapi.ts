/**
 * The OpenAPI 3.1 document at `/openapi.json`, generated from the zod schemas the routes
 * validate their requests with (never a hand-written copy), plus the record kinds' JSON
 * Schemas from the record model. Routes describe themselves with `describe()`.
 */
import { RECORD_KINDS, type RecordKind, recordJsonSchema } from '@polder/schema'
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify'
import * as z from 'zod'

export interface RouteDoc {
  readonly summary: string
  readonly tags: readonly string[]
  /** The route needs the node's API token. */
  readonly auth?: boolean
  readonly params?: z.ZodType
  readonly querystring?: z.ZodType
  readonly body?: z.ZodType
  /** Status codes this route answers besides errors, with what they mean. @default { 200: 'OK' } */
  readonly responses?: Readonly<Record<number, string>>
  /** Kept out of the document (the viewer's files). */
  readonly hide?: boolean
}

/** The `schema` option of a route: its zod request schemas, and its documentation. */
export function describe(doc: RouteDoc): FastifySchema {
  const { params, querystring, body } = doc
  return {
    ...(params === undefined ? {} : { params }),
    ...(querystring === undefined ? {} : { querystring }),
    ...(body === undefined ? {} : { body }),
    doc,
  } as FastifySchema
}

const jsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return rest
}

/** Query and path parameters of an object schema, one per property. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (schema === undefined) return []
  const object = jsonSchema(schema) as {
    properties?: Record<string, Record<string, unknown>>
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

function operation(doc: RouteDoc): Record<string, unknown> {
  const responses: Record<string, unknown> = {}
  for (const [status, description] of Object.entries(doc.responses ?? { 200: 'OK' })) {
    responses[status] = {
      description,
      ...(status === '204' ? {} : { content: { 'application/json': {} } }),
    }
  }
  responses['4XX'] = {
    description: 'A problem with the request (RFC 9457)',
    content: { 'application/problem+json': { schema: PROBLEM } },
  }
  responses['5XX'] = {
    description: 'A problem on the node (RFC 9457), never with internals',
    content: { 'application/problem+json': { schema: PROBLEM } },
  }
  return {
    summary: doc.summary,
    tags: doc.tags,
    parameters: [...parameters(doc.params, 'path'), ...parameters(doc.querystring, 'query')],
    ...(doc.body === undefined
      ? {}
      : {
          requestBody: {
            required: !doc.body.safeParse(undefined).success,
            content: { 'application/json': { schema: jsonSchema(doc.body) } },
          },
        }),
    responses,
    ...(doc.auth === true ? { security: [{ token: [] }] } : {}),
  }
}

/** Collects every route as it is added; call before registering routes. */
export function collectOpenApi(app: FastifyInstance, info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {}
  app.addHook('onRoute', (route: RouteOptions) => {
    const doc = (route.schema as { doc?: RouteDoc } | undefined)?.doc
    if (doc === undefined || doc.hide === true) return
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}')
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'HEAD') continue
      paths[path] = { ...paths[path], [method.toLowerCase()]: operation(doc) }
    }
  })
  let document: Record<string, unknown> | undefined
  return () => {
    document ??= {
      openapi: '3.1.0',
      info: {
        title: 'Polder node API',
        version: info.version,
        description:
          'The HTTP API of a Polder node: its own records, any replicated record, search, ' +
          'the collective (organisations, trust, peers, sync) and live events. Binds ' +
          '127.0.0.1 by default; writes need the node’s API token (the file api-token in ' +
          'its data directory) as a bearer token.',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: '/' }],
      paths,
      components: {
        securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status'],
            properties: {
              type: { type: 'string', description: 'urn:polder:problem:<slug>' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              problems: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    path: { type: 'string', description: 'JSON Pointer to the field' },
                    code: { type: 'string' },
                    message: {
                      type: 'object',
                      properties: { nl: { type: 'string' }, en: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
          ...Object.fromEntries(
            RECORD_KINDS.map((kind) => [kind.code, recordJsonSchema(kind.code as RecordKind)]),
          ),
        },
      },
    }
    return document
  }
}
