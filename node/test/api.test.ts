import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProblemDocument } from '@polder/api'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RawConfig } from '../src/config.js'
import { type InProcessNode, startInProcess } from './in-process.js'

const OTHER_DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
const SOME_ID = '01JD0000000000000000000000'

type Node = InProcessNode

interface Operation {
  security?: unknown[]
  requestBody?: unknown
  parameters?: { name: string; in: string }[]
}
interface OpenApi {
  openapi: string
  paths: Record<string, Record<string, Operation>>
}
type Problem = ProblemDocument

let dir: string
const nodes: Node[] = []

async function start(options: RawConfig = {}): Promise<Node> {
  const node = await startInProcess(await mkdtemp(join(dir, 'home-')), options)
  nodes.push(node)
  return node
}

const call = (node: Node, method: string, path: string, body?: unknown, token = node.token) =>
  fetch(`${node.url}${path}`, {
    method,
    headers: {
      ...(token === '' ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

const ownCount = async (node: Node) => (await node.api.listRecords({ query: { limit: 1 } })).total

/** A concrete path for an OpenAPI path template. */
const concrete = (template: string) =>
  template.replace('{did}', OTHER_DID).replace('{id}', SOME_ID).replace('{kind}', 'practice')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-api-'))
})

afterAll(async () => {
  for (const node of nodes) await node.close()
  await rm(dir, { recursive: true, force: true })
})

describe('the API of a running node', () => {
  let node: Node
  let openapi: OpenApi
  beforeAll(async () => {
    node = await start({
      POLDER_WRITE_LIMIT: '100000',
      POLDER_CORS_ORIGINS: 'http://localhost:5173',
    })
    openapi = (await node.api.getOpenApi()) as unknown as OpenApi
  }, 60_000)

  it('describes itself in OpenAPI 3.1, every route with its parameters', () => {
    expect(openapi.openapi).toBe('3.1.0')
    for (const path of [
      '/v1/records',
      '/v1/records/{id}',
      '/v1/search',
      '/v1/orgs/{did}',
      '/v1/blocks/{did}',
      '/v1/events',
      '/metrics',
    ]) {
      expect(openapi.paths[path], path).toBeDefined()
    }
    const search = openapi.paths['/v1/search']?.get
    expect(search?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'theme', 'province', 'budgetMin', 'sort', 'cursor']),
    )
    expect(openapi.paths['/v1/records']?.post?.security).toEqual([{ token: [] }])
  })

  it('refuses every write without the token, or with a wrong one, and writes nothing', async () => {
    const before = await ownCount(node)
    const writes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security !== undefined)
        .map(([method, operation]) => ({ path, method, operation })),
    )
    expect(writes.length).toBeGreaterThanOrEqual(10)
    for (const { path, method } of writes) {
      for (const token of ['', 'wrong', `${node.token}x`]) {
        const response = await call(node, method.toUpperCase(), concrete(path), {}, token)
        expect(response.status, `${method} ${path} with "${token}"`).toBe(401)
        const body = (await response.json()) as Problem
        expect(body.type).toBe('urn:polder:problem:unauthorized')
      }
    }
    expect(await ownCount(node)).toBe(before)
  })

  it('names every problem of a malformed request by its place and says it in both languages', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/v1/records?limit=0', undefined, '/query/limit'],
      ['GET', '/v1/records?kind=essay', undefined, '/query/kind'],
      ['GET', '/v1/records?colour=red', undefined, '/query'],
      ['GET', '/v1/orgs/not-a-did', undefined, '/params/did'],
      ['GET', '/v1/records/not-an-id', undefined, '/params/id'],
      ['DELETE', `/v1/records/${SOME_ID}`, {}, '/body/reason'],
      ['DELETE', `/v1/records/${SOME_ID}`, { reason: 'no' }, '/body/reason'],
      ['PUT', `/v1/blocks/${OTHER_DID}`, { reason: 5 }, '/body/reason'],
      ['POST', '/v1/vouches', { subject: 'x', name: 'Zwolle' }, '/body/subject'],
      ['POST', '/v1/vouches', { subject: OTHER_DID }, '/body/name'],
      ['POST', '/v1/peers', { address: 5 }, '/body/address'],
      ['POST', '/v1/records', [], '/body'],
      ['POST', '/v1/records', { kind: 'essay' }, '/body'],
      ['POST', '/v1/search', { limit: 'ten' }, '/body/limit'],
    ]
    for (const [method, path, body, where] of cases) {
      const response = await call(node, method, path, body)
      expect(response.status, `${method} ${path}`).toBe(400)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      const problem = (await response.json()) as Problem
      expect(problem.type).toBe('urn:polder:problem:invalid-request')
      const first = problem.problems?.[0]
      expect(first?.path.startsWith(where), `${method} ${path}: ${first?.path}`).toBe(true)
      expect(first?.message.nl.length).toBeGreaterThan(0)
      expect(first?.message.en.length).toBeGreaterThan(0)
    }
    // record content: the record model's problems, field by field (422)
    const invalid = await call(node, 'POST', '/v1/records', {
      kind: 'practice',
      languages: ['nl'],
      title: { nl: 'Zonder status' },
    })
    expect(invalid.status).toBe(422)
    expect(((await invalid.json()) as Problem).problems?.map((p) => p.path)).toContain('/status')
  })

  it('never answers a generated bad write with a 5xx, and never writes part of it', async () => {
    const before = await ownCount(node)
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record({ kind: fc.constantFrom('practice', 'lesson', 'finding'), title: fc.jsonValue() }),
      fc.array(fc.record({ kind: fc.constant('practice'), status: fc.string() }), {
        minLength: 1,
        maxLength: 5,
      }),
    )
    const routes: [string, string][] = [
      ['POST', '/v1/records'],
      ['PATCH', `/v1/records/${SOME_ID}`],
      ['DELETE', `/v1/records/${SOME_ID}`],
      ['PUT', `/v1/blocks/${OTHER_DID}`],
      ['POST', '/v1/vouches'],
      ['POST', '/v1/peers'],
    ]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), bodies, async ([method, path], body) => {
        const response = await call(node, method, path, body)
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500)
        await response.arrayBuffer()
      }),
      { numRuns: 300 },
    )
    // A bulk publish with one bad record writes none of them.
    const mixed = await call(node, 'POST', '/v1/records', [
      { kind: 'practice', languages: ['nl'], title: { nl: 'Goed' }, status: 'pilot' },
      { kind: 'practice', languages: ['nl'], title: { nl: 'Fout' }, status: 'running' },
    ])
    expect(mixed.status).toBe(422)
    expect(((await mixed.json()) as Problem).problems?.[0]?.path).toMatch(/^\/1\//)
    // Every generated body was refused; a block of an organisation may have gone through.
    expect(await ownCount(node)).toBe(before)
  })

  it('answers HEAD of every read, without a body', async () => {
    for (const path of ['/health', '/v1/status', '/metrics', '/openapi.json']) {
      const response = await fetch(`${node.url}${path}`, { method: 'HEAD' })
      expect(response.status, path).toBe(200)
      expect(await response.text()).toBe('')
    }
  })

  it('answers CORS only for the configured origin', async () => {
    const allowed = await fetch(`${node.url}/v1/records`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    })
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    const other = await fetch(`${node.url}/v1/records`, {
      headers: { origin: 'https://evil.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('exports Prometheus metrics, and never logs the token', async () => {
    await call(node, 'GET', '/v1/status')
    const metrics = await (await fetch(`${node.url}/metrics`)).text()
    expect(metrics).toMatch(/^polder_records \d+$/m)
    expect(metrics).toMatch(/^polder_search_records \d+$/m)
    expect(metrics).toMatch(/^polder_peer_state_writes_failed 0$/m)
    expect(metrics).toMatch(/polder_http_request_duration_seconds_count\{route="\/v1\/status"/)
    expect(metrics).toMatch(/^polder_process_resident_memory_bytes \d+/m)
    expect(node.output()).toContain('"reqId"') // structured request logs, with ids
    expect(node.output()).not.toContain(node.token)
  })
})

describe('write limits', () => {
  it('answers 429 with Retry-After past the writes a client may make, and reads go on', async () => {
    const node = await start({ POLDER_WRITE_LIMIT: '5' })
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) {
      const response = await call(node, 'PUT', `/v1/follows/${OTHER_DID}`)
      statuses.push(response.status)
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
        expect(((await response.json()) as Problem).type).toBe('urn:polder:problem:rate-limited')
      } else await response.arrayBuffer()
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
    expect((await call(node, 'GET', '/v1/status')).status).toBe(200)
  }, 60_000)

  it('limits wrong-token requests per address without ever refusing the right token', async () => {
    const node = await start({ POLDER_WRITE_LIMIT: '1000' })
    const statuses = new Map<number, number>()
    for (let i = 0; i < 600; i++) {
      const response = await call(node, 'PUT', `/v1/follows/${OTHER_DID}`, undefined, `guess-${i}`)
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      await response.arrayBuffer()
    }
    // 60 failures a minute get their 401; the rest are refused before the token check
    expect(Object.fromEntries(statuses)).toEqual({ 401: 60, 429: 540 })
    const guessing = await call(node, 'PUT', `/v1/follows/${OTHER_DID}`, undefined, 'another-guess')
    expect(guessing.status).toBe(429)
    expect(((await guessing.json()) as Problem).detail).toMatch(
      /^Too many requests with a wrong token/,
    )
    // from the same address, the owner's token goes on working
    for (let i = 0; i < 5; i++) {
      const response = await call(node, 'PUT', `/v1/follows/${OTHER_DID}`)
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    }
  }, 60_000)
})
