import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError, createClient, pathOf, ResponseValidationError, ROUTES } from '../src/index.js'

/** A stand-in node: answers each path with what the test put there. */
const answers = new Map<string, { status: number; type?: string; body: string }>()
const seen: { method?: string; url?: string; headers: Record<string, unknown>; body: string }[] = []
let server: Server
let baseUrl: string

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, headers: request.headers, body })
      const answer = answers.get(`${request.method} ${request.url}`) ?? {
        status: 404,
        type: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:polder:problem:not-found',
          title: 'Not found',
          status: 404,
        }),
      }
      response.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' })
      response.end(answer.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const STATUS = {
  version: '0.1.0',
  did: 'did:key:z6Mk',
  peerId: '12D3Koo',
  addresses: [],
  peers: 0,
  records: 3,
  search: { state: 'ready', records: 3 },
  network: { state: 'started', reachability: 'private', relays: [], connections: [] },
  clock: [],
}

describe('the typed client', () => {
  it('fills in path parameters and the query', () => {
    expect(pathOf(ROUTES.getOrg, { params: { did: 'did:key:z6Mk/x' } })).toBe(
      '/v1/orgs/did%3Akey%3Az6Mk%2Fx',
    )
    expect(
      pathOf(ROUTES.searchRecords, { query: { q: 'warmte net', theme: ['a', 'b'], limit: 5 } }),
    ).toBe('/v1/search?q=warmte+net&theme=a%2Cb&limit=5')
    expect(pathOf(ROUTES.listRecords, { query: { kind: undefined } })).toBe('/v1/records')
  })

  it('returns the answer, typed by the contract', async () => {
    answers.set('GET /v1/status', { status: 200, body: JSON.stringify(STATUS) })
    const status = await createClient({ baseUrl, validate: true }).getStatus()
    expect(status.search.state).toBe('ready')
  })

  it('refuses an answer its schema does not allow when asked to check', async () => {
    answers.set('GET /v1/status', {
      status: 200,
      body: JSON.stringify({ ...STATUS, peers: 'many' }),
    })
    const checked = createClient({ baseUrl, validate: true })
    await expect(checked.getStatus()).rejects.toThrow(ResponseValidationError)
    await expect(checked.getStatus()).rejects.toThrow(/\/peers/)
    // unchecked, it is handed over as it came
    expect((await createClient({ baseUrl }).getStatus()).peers).toBe('many')
    answers.set('GET /v1/status', {
      status: 200,
      body: JSON.stringify({ ...STATUS, extra: true }),
    })
    await expect(checked.getStatus()).rejects.toThrow(ResponseValidationError)
  })

  it('throws an ApiError with the problem document for an error, and for a status the route never gives', async () => {
    const api = createClient({ baseUrl, validate: true })
    const error = await api
      .getRecord({ params: { id: '01JD0000000000000000000000' } })
      .catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(404)
    expect(error.problem?.type).toBe('urn:polder:problem:not-found')
    answers.set('GET /v1/follows', { status: 202, body: '{}' })
    await expect(api.listFollows()).rejects.toThrow(ApiError)
  })

  it('sends the token to writes only, and JSON bodies as JSON', async () => {
    answers.set('DELETE /v1/follows/did%3Akey%3Az6Mk', { status: 204, body: '' })
    answers.set('GET /v1/follows', { status: 200, body: '{"follows":[]}' })
    const api = createClient({ baseUrl, token: () => 'secret', validate: true })
    expect(await api.unfollow({ params: { did: 'did:key:z6Mk' } })).toBeUndefined()
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer secret')
    await api.listFollows()
    expect(seen.at(-1)?.headers.authorization).toBeUndefined()
    answers.set('POST /v1/peers', { status: 200, body: '{"peerId":"p","address":"/ip4/1"}' })
    await api.connectPeer({ body: { address: '/ip4/1' } })
    expect(seen.at(-1)?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(seen.at(-1)?.body ?? '')).toEqual({ address: '/ip4/1' })
  })
})
