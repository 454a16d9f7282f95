/**
 * The typed client of a node's API, derived from the contract: one method per operation,
 * named by its operationId, its input and answer types inferred from the route's schemas.
 * With `validate`, every answer is checked against its schema (tests ask for that).
 *
 * @example
 * ```ts
 * const api = createClient({ baseUrl: 'http://127.0.0.1:7878', token })
 * const { records } = await api.listRecords({ query: { limit: 10 } })
 * const record = await api.getRecord({ params: { id: records[0].id } })
 * ```
 */
import type { ApiClient, CallOptions } from './client-types.js'
import { ApiError, ResponseValidationError } from './errors.js'
import { JSON_TYPE, type RouteSpec } from './route.js'
import { ROUTES } from './routes.js'

export interface ClientInit {
  /** The node's address, such as `http://127.0.0.1:7878`. @default '' (same origin) */
  readonly baseUrl?: string
  /** The API token, sent to the routes that need it; a function is asked at each call. */
  readonly token?: string | (() => string | undefined)
  /** Check every answer against the contract; a mismatch throws a ResponseValidationError. @default false */
  readonly validate?: boolean
  /** How long a request may take, ms; 0 for no limit. @default 60 s */
  readonly timeoutMs?: number
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch
}

interface RawInput {
  readonly params?: Readonly<Record<string, unknown>>
  readonly query?: Readonly<Record<string, unknown>>
  readonly body?: unknown
  readonly contentType?: string
}

/** The path of a route with its parameters filled in. */
export function pathOf(spec: RouteSpec, input: RawInput = {}): string {
  const path = spec.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(input.params?.[name] ?? '')),
  )
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(input.query ?? {})) {
    if (value === undefined) continue
    query.set(name, Array.isArray(value) ? value.join(',') : String(value))
  }
  const search = query.toString()
  return search === '' ? path : `${path}?${search}`
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text()
  if (text === '') return undefined
  if (!/json/.test(response.headers.get('content-type') ?? '')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export function createClient(init: ClientInit = {}): ApiClient {
  const baseUrl = init.baseUrl ?? ''
  const timeoutMs = init.timeoutMs ?? 60_000
  const doFetch = init.fetch ?? ((input, options) => fetch(input, options))
  const tokenOf = () => (typeof init.token === 'function' ? init.token() : init.token)

  async function call(
    operationId: string,
    spec: RouteSpec,
    input: RawInput = {},
    options: CallOptions = {},
  ) {
    const path = pathOf(spec, input)
    const request = `${spec.method} ${path}`
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
    const token = spec.auth === true ? tokenOf() : undefined
    if (token !== undefined) headers.authorization = `Bearer ${token}`
    const json = (spec.bodyMediaType ?? JSON_TYPE) === JSON_TYPE
    let body: RequestInit['body']
    if (input.body !== undefined) {
      headers['content-type'] = json ? JSON_TYPE : (input.contentType ?? 'application/octet-stream')
      body = json ? JSON.stringify(input.body) : (input.body as RequestInit['body'])
    }
    const signals = [
      ...(timeoutMs > 0 ? [AbortSignal.timeout(timeoutMs)] : []),
      ...(options.signal === undefined ? [] : [options.signal]),
    ]
    const response = await doFetch(`${baseUrl}${path}`, {
      method: spec.method,
      headers,
      body,
      ...(signals.length === 0 ? {} : { signal: AbortSignal.any(signals) }),
      // a streamed upload (Node's fetch wants to be told)
      ...(body !== undefined && !json ? { duplex: 'half' } : {}),
    } as RequestInit)
    const answer = spec.responses[response.status]
    if (!response.ok || answer === undefined) {
      throw new ApiError(response.status, await bodyOf(response), request)
    }
    if (answer.stream === true) return response
    const parsed = await bodyOf(response)
    if (answer.schema === undefined) return undefined
    if (init.validate !== true) return parsed
    const checked = answer.schema.safeParse(parsed)
    if (!checked.success)
      throw new ResponseValidationError(`${operationId}: ${request}`, checked.error.issues)
    return parsed
  }

  const methods = Object.fromEntries(
    Object.entries(ROUTES).map(([operationId, spec]) => [
      operationId,
      (input?: RawInput, options?: CallOptions) => call(operationId, spec, input, options),
    ]),
  )
  return { ...methods, baseUrl } as unknown as ApiClient
}
