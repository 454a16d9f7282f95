/**
 * The node's HTTP API, same origin (the node serves the viewer). Errors are RFC 9457
 * problem documents, raised as `ApiError` with the document kept.
 */
import type { Problem } from '@polder/schema'
import { currentToken } from './token'

export interface ProblemDocument {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail?: string
  readonly problems?: readonly Problem[]
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly problem: ProblemDocument | undefined
  constructor(status: number, problem: ProblemDocument | undefined, fallback: string) {
    super(problem?.title ?? fallback)
    this.status = status
    this.problem = problem
  }
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly body?: unknown
  readonly signal?: AbortSignal
}

/** Requests time out rather than hang: the node is local, 30 s is already very slow. */
const TIMEOUT_MS = 30_000

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const token = currentToken()
  if (method !== 'GET' && token !== undefined) headers.authorization = `Bearer ${token}`
  const signals = [AbortSignal.timeout(TIMEOUT_MS), ...(options.signal ? [options.signal] : [])]
  const response = await fetch(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.any(signals),
  })
  const text = await response.text()
  let parsed: unknown
  try {
    parsed = text === '' ? undefined : JSON.parse(text)
  } catch {
    parsed = undefined
  }
  if (!response.ok) {
    const problem =
      typeof parsed === 'object' && parsed !== null && 'title' in parsed
        ? (parsed as ProblemDocument)
        : undefined
    throw new ApiError(response.status, problem, `${method} ${path}: ${response.status}`)
  }
  return parsed as T
}

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

/** An attachment as the node describes it, ready for a record's `attachments`. */
export interface UploadedAttachment {
  readonly cid: string
  readonly name: string
  readonly mediaType: string
  readonly size: number
}

/**
 * Streams a file to the node (`POST /v1/attachments`); the browser sends the file without
 * reading it into memory. No time limit: a large file on a slow disk may take minutes.
 */
export async function uploadFile(file: File, signal?: AbortSignal): Promise<UploadedAttachment> {
  const query = new URLSearchParams({ name: file.name })
  if (file.type !== '') query.set('type', file.type)
  const token = currentToken()
  const response = await fetch(`/v1/attachments?${query}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': file.type === '' ? 'application/octet-stream' : file.type,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: file,
    ...(signal === undefined ? {} : { signal }),
  })
  const parsed: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const problem =
      typeof parsed === 'object' && parsed !== null && 'title' in parsed
        ? (parsed as ProblemDocument)
        : undefined
    throw new ApiError(response.status, problem, `upload: ${response.status}`)
  }
  return parsed as UploadedAttachment
}
