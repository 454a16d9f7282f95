/**
 * The node's HTTP API, same origin (the node serves the viewer), through the contract's
 * typed client (`@polder/api`): answers are typed by the contract, errors are RFC 9457
 * problem documents raised as `ApiError` with the document kept.
 */
import { createClient, type EventData, type EventName } from '@polder/api'
import { currentToken } from './token'

export { ApiError, type ProblemDocument } from '@polder/api'

/** Requests time out rather than hang: the node is local, 30 s is already very slow. */
const TIMEOUT_MS = 30_000

/** The node that serves this page. */
export const node = createClient({ token: currentToken, timeoutMs: TIMEOUT_MS })

/** Uploads have no time limit: a large file on a slow disk may take minutes. */
const uploads = createClient({ token: currentToken, timeoutMs: 0 })

/** The data of a live event (`GET /v1/events`), as the contract describes it. */
export const eventData = <E extends EventName>(_name: E, message: MessageEvent<string>) =>
  JSON.parse(message.data) as EventData<E>

/** A path segment or reference, encoded for a URL path. */
export const enc = encodeURIComponent

/** The global reference of a record. */
export const refOf = (author: string, id: string): string => `polder://${author}/${id}`

/** `polder://<did>/<id>` split; undefined when it is not one. */
export function parseRef(ref: string): { author: string; id: string } | undefined {
  const match = /^polder:\/\/(did:key:[^/]+)\/([0-9A-Z]{26})$/.exec(ref)
  return match === null ? undefined : { author: match[1] as string, id: match[2] as string }
}

/** The viewer's own path of a record page. */
export const recordPath = (author: string, id: string): string => `/records/${author}/${id}`

/**
 * Streams a file to the node (`POST /v1/attachments`); the browser sends the file without
 * reading it into memory. Answers with the attachment, ready for a record's `attachments`.
 */
export function uploadFile(file: File, signal?: AbortSignal) {
  return uploads.uploadAttachment(
    {
      query: { name: file.name, ...(file.type === '' ? {} : { type: file.type }) },
      body: file,
      contentType: file.type === '' ? 'application/octet-stream' : file.type,
    },
    signal === undefined ? {} : { signal },
  )
}

/** The record a publish of one record answers with (a list is answered as `{ records }`). */
export function single<T extends object>(answer: T | { readonly records: readonly T[] }): T {
  if ('records' in answer && Array.isArray(answer.records))
    throw new Error('The node answered a list for one record')
  return answer as T
}
