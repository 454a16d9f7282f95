/**
 * Routes from the contract (`@polder/api`): each route is added with the contract's method,
 * path and schemas, so the server validates what the contract says, the token is required
 * where the contract says, and the answers can be checked against it (see response-check.ts).
 */
import { fastifyPath, JSON_TYPE, problemSchema, type RouteSpec } from '@polder/api'
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify'
import type * as z from 'zod'
import { requireToken } from './auth.js'

type Out<S> = S extends z.ZodType ? z.output<S> : unknown

/** A request of a route, typed by its schemas (as they come out of validation). */
export type RequestOf<R extends RouteSpec> = FastifyRequest<{
  Params: Out<R['params']>
  Querystring: Out<R['query']>
  Body: Out<R['body']>
}>

type SuccessStatus = 200 | 201 | 204 | 206
/** A type and everything in it read-only: what the handler gives is only read. */
type ReadOnly<T> = T extends (infer U)[]
  ? readonly ReadOnly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadOnly<T[K]> }
    : T
type AnswerIn<A> = A extends { schema: infer S extends z.ZodType }
  ? ReadOnly<z.input<S>>
  : A extends { stream: true }
    ? // biome-ignore lint/suspicious/noConfusingVoidType: a stream's handler writes the answer itself
      void
    : never
/** What a handler may give: the contract's answer (checked at compile time), or the reply it sent. */
type Answer<R extends RouteSpec> =
  | {
      [S in keyof R['responses'] & SuccessStatus]: AnswerIn<R['responses'][S]>
    }[keyof R['responses'] & SuccessStatus]
  | FastifyReply

export type Handler<R extends RouteSpec> = (
  request: RequestOf<R>,
  reply: FastifyReply,
) => Answer<R> | Promise<Answer<R>>

/** The Fastify `schema` of a route: its request schemas, its answers' schemas, the spec. */
export function schemaOf(spec: RouteSpec): FastifySchema {
  const response: Record<string, z.ZodType> = { '4XX': problemSchema, '5XX': problemSchema }
  for (const [status, answer] of Object.entries(spec.responses)) {
    if (answer.schema !== undefined && answer.stream !== true) response[status] = answer.schema
  }
  const jsonBody = (spec.bodyMediaType ?? JSON_TYPE) === JSON_TYPE
  return {
    ...(spec.params === undefined ? {} : { params: spec.params }),
    ...(spec.query === undefined ? {} : { querystring: spec.query }),
    ...(spec.body === undefined || !jsonBody ? {} : { body: spec.body }),
    response,
    spec,
  } as FastifySchema
}

/** The contract's spec of the route a request matched, if any. */
export const specOf = (schema: unknown): RouteSpec | undefined =>
  (schema as { spec?: RouteSpec } | undefined)?.spec

export interface RouteAdderInit {
  /** The node's API token, required by the routes the contract marks `auth`. */
  readonly token: string
}

/** Adds routes of the contract to `app`; HEAD too where the contract says so. */
export function routeAdder(app: FastifyInstance, { token }: RouteAdderInit) {
  const auth = requireToken(token)
  return <R extends RouteSpec>(spec: R, handler: Handler<R>): void => {
    const options = {
      url: fastifyPath(spec.path),
      schema: schemaOf(spec),
      ...(spec.auth === true ? { onRequest: auth } : {}),
      handler: handler as (request: FastifyRequest, reply: FastifyReply) => unknown,
    }
    if (spec.head !== true) {
      // Fastify answers HEAD of a GET route itself, as it always did here
      app.route({ method: spec.method, ...options })
      return
    }
    // a file's HEAD is answered by the same handler, which then sends no body
    app.route({ method: spec.method, exposeHeadRoute: false, ...options })
    app.route({ method: 'HEAD', ...options })
  }
}
