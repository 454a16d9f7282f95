/**
 * What one route of the API is: its method and path, what it takes (path parameters,
 * query, body) and what it answers, each as a zod schema. The server validates with these,
 * the OpenAPI document is generated from them and the client's types are inferred from them.
 */
import type * as z from 'zod'

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export const JSON_TYPE = 'application/json'
export const PROBLEM_TYPE = 'application/problem+json'
export const OCTETS = 'application/octet-stream'

export interface ResponseSpec {
  readonly description: string
  /** @default 'application/json' */
  readonly mediaType?: string
  /** The body's schema; none for an empty answer (204, 304) or a stream. */
  readonly schema?: z.ZodType
  /** The body is a stream (a file, server-sent events): the client hands over the Response. */
  readonly stream?: boolean
  /** Other media types the same answer is given in, chosen by `Accept`. */
  readonly alsoAs?: readonly string[]
}

export interface RouteSpec {
  readonly method: Method
  /** OpenAPI form: `/v1/records/{id}`. */
  readonly path: string
  readonly summary: string
  readonly tags: readonly string[]
  /** Needs the node's API token. @default false */
  readonly auth?: boolean
  /** Also answers HEAD (headers only). @default false */
  readonly head?: boolean
  readonly params?: z.ZodType
  readonly query?: z.ZodType
  readonly body?: z.ZodType
  /** @default 'application/json' */
  readonly bodyMediaType?: string
  /** Answers besides problems (RFC 9457), which every route may give. */
  readonly responses: Readonly<Record<number, ResponseSpec>>
}

/** A route of the contract, its literal types kept for the client. */
export const route = <const R extends RouteSpec>(spec: R): R => spec

/** A JSON answer. */
export const json = <const S extends z.ZodType>(schema: S, description = 'OK') =>
  ({ description, schema }) as const

/** Fastify's form of a path: `/v1/records/:id`. */
export const fastifyPath = (path: string): string => path.replace(/\{([A-Za-z]+)\}/g, ':$1')
