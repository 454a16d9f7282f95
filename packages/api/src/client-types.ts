/** The client's types, inferred from the contract: what each operation takes and answers. */
import type * as z from 'zod'
import type { ResponseSpec, RouteSpec } from './route.js'
import type { Routes } from './routes.js'

/** A URL parameter may be given as a number, a boolean or a list as well as a string. */
type QueryValue<T> = T extends string ? T | number | boolean : T
export type QueryInput<T> = { [K in keyof T]?: QueryValue<T[K]> | readonly string[] }

type ParamsPart<R> = R extends { params: infer P extends z.ZodType }
  ? { readonly params: z.input<P> }
  : { readonly params?: undefined }
type QueryPart<R> = R extends { query: infer Q extends z.ZodType }
  ? { readonly query?: QueryInput<z.input<Q>> }
  : { readonly query?: undefined }
type BodyPart<R> = R extends { body: infer B extends z.ZodType }
  ? R extends { bodyMediaType: string }
    ? { readonly body: NonNullable<RequestInit['body']>; readonly contentType?: string }
    : undefined extends z.input<B>
      ? { readonly body?: z.input<B> }
      : { readonly body: z.input<B> }
  : { readonly body?: undefined }

/** What an operation takes. */
export type InputOf<R extends RouteSpec> = ParamsPart<R> & QueryPart<R> & BodyPart<R>

type SuccessStatus = 200 | 201 | 202 | 204 | 206

type AnswerOf<A> = A extends { stream: true }
  ? Response
  : A extends { schema: infer S extends z.ZodType }
    ? z.output<S>
    : undefined

/** What an operation answers when it succeeds. */
export type OutputOf<R extends RouteSpec> = {
  [S in keyof R['responses'] & SuccessStatus]: R['responses'][S] extends ResponseSpec
    ? AnswerOf<R['responses'][S]>
    : never
}[keyof R['responses'] & SuccessStatus]

export interface CallOptions {
  readonly signal?: AbortSignal
  /** Extra request headers (a Range request). */
  readonly headers?: Readonly<Record<string, string>>
}

type Call<R extends RouteSpec> =
  Record<string, never> extends InputOf<R>
    ? (input?: InputOf<R>, options?: CallOptions) => Promise<OutputOf<R>>
    : (input: InputOf<R>, options?: CallOptions) => Promise<OutputOf<R>>

/** One method per operation of the contract. */
export type ApiClient = { readonly [K in keyof Routes]: Call<Routes[K]> } & {
  /** The node's base URL ('' in a page the node serves). */
  readonly baseUrl: string
}
