/**
 * @packageDocumentation
 *
 * The HTTP contract of a Polder node: a zod schema for every request and every answer of
 * every route, each route named by its operationId ({@link ROUTES}). The node validates
 * requests with it, the OpenAPI document is generated from it ({@link openApiDocument}),
 * and the typed client is derived from it ({@link createClient}): the CLI, the viewer and
 * the test network talk to nodes through that client, never with hand-typed answers.
 *
 * @example
 * ```ts
 * import { createClient } from '@polder/api'
 *
 * const api = createClient({ baseUrl: 'http://127.0.0.1:7878', token, validate: true })
 * const status = await api.getStatus()
 * const found = await api.searchRecords({ query: { q: 'hittestress', theme: ['climate'] } })
 * ```
 */
export { ARCHIVE_MEDIA_TYPE } from './archive-routes.js'
export {
  attachmentSchema,
  attachmentStatusSchema,
  cidParams,
  downloadQuery,
  pinListSchema,
  uploadQuery,
} from './attachment-routes.js'
export { type ClientInit, createClient, pathOf } from './client.js'
export type { ApiClient, CallOptions, InputOf, OutputOf, QueryInput } from './client-types.js'
export {
  blockBody,
  organizationSchema,
  peerBody,
  peerSchema,
  syncLogSchema,
  vouchBody,
} from './collective-routes.js'
export { didParams, ownRecordParams, recordParams, recordStateSchema } from './common.js'
export { ApiError, ResponseValidationError } from './errors.js'
export {
  EVENT_SCHEMAS,
  type EventData,
  type EventName,
  type RecordEvent,
  recordEventSchema,
} from './event-routes.js'
export { type OpenApiInit, openApiDocument } from './openapi.js'
export { type ProblemDocument, problemSchema } from './problem.js'
export {
  editBody,
  listQuery,
  MAX_BULK,
  publishBody,
  retractBody,
} from './record-routes.js'
export {
  fastifyPath,
  JSON_TYPE,
  type Method,
  OCTETS,
  PROBLEM_TYPE,
  type ResponseSpec,
  type RouteSpec,
} from './route.js'
export { type OperationId, ROUTES, type Routes } from './routes.js'
export { kindParams, vocabulariesSchema } from './schema-routes.js'
export {
  FACET_NAMES,
  type FacetName,
  type SearchQuery,
  searchAnswerSchema,
  searchParams,
  searchQuerySchema,
} from './search-routes.js'
