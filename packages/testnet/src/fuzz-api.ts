/**
 * Property-based fuzzing of a running node's HTTP API: random methods on its routes (with
 * random, near-valid and hostile parameters), random query strings, headers and bodies,
 * with and without the token. Every answer must be below 500: a refusal is a 4xx problem.
 * For the fault test and `pnpm bench --faults`.
 */
import fc from 'fast-check'
import type { TestNode } from './test-node.js'

export interface ApiFuzzOptions {
  readonly runs: number
  readonly seed?: number
  /** Requests in flight at once. @default 8 */
  readonly concurrency?: number
}

export interface ApiFuzzResult {
  readonly requests: number
  /** Answers by status code. */
  readonly statuses: Readonly<Record<string, number>>
  /** Answers of 500 or more, and requests that got no answer (the node failed them). */
  readonly serverErrors: number
  readonly noAnswer: number
  /** The first few of those: the request and what came back. */
  readonly examples: readonly string[]
}

interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string | Uint8Array | undefined
}

const ROUTES = [
  '/health',
  '/metrics',
  '/openapi.json',
  '/v1/status',
  '/v1/schema',
  '/v1/schema/{kind}',
  '/v1/vocabularies',
  '/v1/context.jsonld',
  '/v1/validate',
  '/v1/records',
  '/v1/records/{id}',
  '/v1/records/{id}/history',
  '/v1/records/{id}/provenance',
  '/v1/records/{id}/related',
  '/v1/orgs',
  '/v1/orgs/{did}',
  '/v1/follows',
  '/v1/follows/{did}',
  '/v1/blocks/{did}',
  '/v1/vouches',
  '/v1/sync',
  '/v1/sync/{did}',
  '/v1/peers',
  '/v1/search',
  '/v1/search/status',
  '/v1/attachments',
  '/v1/attachments/{cid}',
  '/v1/attachments/{cid}/status',
  '/v1/attachments/gc',
]

const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '..',
    '%2e%2e%2f',
    '%00',
    '%ff',
    '%',
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    'polder://did:key:z6Mk/01J',
    '01J0000000000000000000000',
    '01JZZZZZZZZZZZZZZZZZZZZZZZ',
    'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
    'practice',
    'x'.repeat(5_000),
  ),
)

const segment = hostile.map((value) => {
  try {
    return encodeURIComponent(value)
  } catch {
    return 'x' // a lone surrogate: not a URL
  }
})

const path = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...ROUTES), segment)
      .map(([route, param]) => route.replace(/\{\w+\}/, param)),
  },
  {
    weight: 1,
    arbitrary: fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join('/')}`),
  },
)

const QUERY_KEYS = [
  'limit',
  'author',
  'kind',
  'q',
  'sort',
  'cursor',
  'after',
  'lang',
  'theme',
  'facets',
  'from',
  'to',
  'budgetMin',
  'offset',
]
const query = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), hostile), {
    maxLength: 4,
  })
  .map((pairs) => {
    if (pairs.length === 0) return ''
    try {
      return `?${new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, v])).toString()}`
    } catch {
      return '?q=x'
    }
  })

const recordLike = fc.record(
  {
    kind: fc.oneof(
      fc.constantFrom(
        'practice',
        'lesson',
        'finding',
        'initiative',
        'lab',
        'adoption',
        'organization',
        'vouch',
      ),
      fc.jsonValue(),
    ),
    languages: fc.oneof(fc.constant(['nl']), fc.jsonValue()),
    title: fc.oneof(fc.record({ nl: fc.string() }), fc.jsonValue()),
    status: fc.oneof(fc.constantFrom('idea', 'pilot'), fc.jsonValue()),
    budget: fc.jsonValue(),
    places: fc.jsonValue(),
    relations: fc.jsonValue(),
    attachments: fc.jsonValue(),
    subject: fc.jsonValue(),
    id: fc.jsonValue(),
    created: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
)

const body = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .oneof(fc.jsonValue({ maxDepth: 5 }), recordLike, fc.array(recordLike, { maxLength: 5 }))
      .map((v) => JSON.stringify(v) ?? 'null'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
)

function requests(token: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.constantFrom(
        'GET',
        'GET',
        'POST',
        'POST',
        'PUT',
        'PATCH',
        'DELETE',
        'HEAD',
        'OPTIONS',
      ),
      path: fc.tuple(path, query).map(([p, q]) => p + q),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'text/plain',
        'application/octet-stream',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        '*/*',
        '',
      ),
      auth: fc.constantFrom('token', 'token', 'none', 'wrong', 'garbage'),
      accept: fc.constantFrom(
        'application/json',
        'text/event-stream',
        'text/html',
        '*/*',
        'application/ld+json',
        '',
      ),
      range: fc.option(fc.string({ maxLength: 20 }).map((r) => `bytes=${r}`)),
      body,
    })
    .map(({ method, path, contentType, auth, accept, range, body }) => {
      const headers: Record<string, string> = {}
      if (contentType !== '') headers['content-type'] = contentType
      if (accept !== '') headers.accept = accept
      if (range !== null) headers.range = range
      if (auth === 'token') headers.authorization = `Bearer ${token}`
      if (auth === 'wrong') headers.authorization = `Bearer ${'x'.repeat(token.length)}`
      if (auth === 'garbage') headers.authorization = 'Basic Og=='
      const withBody = method !== 'GET' && method !== 'HEAD' && body !== undefined
      return { method, path, headers, body: withBody ? body : undefined }
    })
}

/** Sends `runs` random requests to `node`; never a 5xx, never a dropped request, is the goal. */
export async function fuzzApi(node: TestNode, options: ApiFuzzOptions): Promise<ApiFuzzResult> {
  const samples = fc.sample(requests(node.token), {
    numRuns: options.runs,
    seed: options.seed ?? 42,
  })
  const statuses: Record<string, number> = {}
  const examples: string[] = []
  let serverErrors = 0
  let noAnswer = 0
  let next = 0
  const describe = (request: FuzzRequest) =>
    `${request.method} ${request.path.slice(0, 200)} ${JSON.stringify(request.headers)} ${
      typeof request.body === 'string'
        ? request.body.slice(0, 200)
        : request.body === undefined
          ? ''
          : `${request.body.length} bytes`
    }`
  const worker = async () => {
    while (next < samples.length) {
      const request = samples[next++] as FuzzRequest
      // a live-event stream answers 200 and stays open: the abort ends it, not a failure
      const stream = request.path.startsWith('/v1/events')
      try {
        const response = await fetch(`${node.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(stream ? 500 : 30_000),
        })
        if (!stream) await response.arrayBuffer()
        else await response.body?.cancel()
        statuses[response.status] = (statuses[response.status] ?? 0) + 1
        if (response.status >= 500) {
          serverErrors++
          if (examples.length < 10) examples.push(`${response.status}: ${describe(request)}`)
        }
      } catch (err) {
        const name = (err as Error).name
        if (stream && name === 'TimeoutError') continue
        // a request fetch refuses to send is this harness's bug, not the node's
        if (name !== 'TimeoutError' && (err as Error).message !== 'fetch failed') throw err
        noAnswer++
        if (examples.length < 10) examples.push(`${String(err)}: ${describe(request)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker))
  return { requests: samples.length, statuses, serverErrors, noAnswer, examples }
}
