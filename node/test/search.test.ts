/** Search through the API of a node (in this process) holding the demo records. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { searchAnswerSchema } from '@polder/api'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as z from 'zod'
import { type InProcessNode, startInProcess } from './in-process.js'

type Result = z.output<typeof searchAnswerSchema>

let dir: string
let home: string
/** The node, in this process (restarts and crashes: search-restarts.test.ts). */
let inProcess: InProcessNode | undefined
let token: string

const url = () => inProcess?.url ?? ''

const search = async (query: string): Promise<Result> => {
  const response = await fetch(`${url()}/v1/search?${query}`)
  expect(response.status, await response.clone().text()).toBe(200)
  return searchAnswerSchema.parse(await response.json())
}

const send = (path: string, method: string, body?: unknown) =>
  fetch(`${url()}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

/** Polls until `check` passes or 10 s are up; the index follows the store in the same turn. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const value = await read()
    if (check(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const ready = () =>
  eventually(
    () => search('q=hittestress'),
    (r) => r.index.state === 'ready',
  )

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-search-'))
  home = join(dir, 'home')
  inProcess = await startInProcess(home, {}, { demo: true })
  token = inProcess.token
  await ready()
}, 60_000)

afterAll(async () => {
  await inProcess?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('GET and POST /v1/search on a running node', () => {
  it('finds records in Dutch and English, with facets, filters and pages', async () => {
    const dutch = await search('q=hittestress')
    expect(dutch.total).toBeGreaterThan(0)
    expect(dutch.hits.some((h) => /heat/i.test(h.title.en ?? ''))).toBe(true)
    expect(dutch.hits[0]?.snippet).toContain('<mark>')
    const english = await search('q=heat%20stress&kind=practice')
    expect(english.hits.every((h) => h.kind === 'practice')).toBe(true)
    const both = await search('kind=practice,lesson&facets=kind')
    expect(Object.keys(both.facets)).toEqual(['kind'])
    expect(both.facets.kind?.map((f) => f.value).sort()).toEqual(['lesson', 'practice'])
    const repeated = await search('kind=practice&kind=lesson&facets=kind')
    expect(repeated.total).toBe(both.total)
    const budget = await search('budgetMin=1000000&sort=budget')
    expect(budget.total).toBeGreaterThan(0)
    const first = await search('limit=5&sort=date')
    expect(first.cursor).toBeDefined()
    const second = await search(`limit=5&sort=date&cursor=${first.cursor}`)
    expect(second.hits.map((h) => h.id)).not.toContain(first.hits[0]?.id)

    const posted = await fetch(`${url()}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hittestress', filters: { kind: ['practice'] } }),
    })
    expect(posted.status).toBe(200)
    expect(
      searchAnswerSchema.parse(await posted.json()).hits.every((h) => h.kind === 'practice'),
    ).toBe(true)
  })

  it('answers bad queries with a 400 problem, never a 5xx', async () => {
    for (const query of [
      'colour=red',
      'sort=size',
      'limit=ten',
      'cursor=nope',
      'facets=colour',
      'budgetMin=lots',
      'history=maybe',
      `q=${'x'.repeat(1_100)}`,
      'q=a&q=b',
    ]) {
      const response = await fetch(`${url()}/v1/search?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('content-type')).toContain('application/problem+json')
      const body = (await response.json()) as {
        type: string
        title: string
        problems?: { path: string; message: { nl: string; en: string } }[]
      }
      expect(body.title).not.toMatch(/sqlite|SQL/i)
      if (body.type === 'urn:polder:problem:invalid-request') {
        // the request's shape: every problem names its parameter, in both languages
        const [name] = query.split('=')
        expect(body.problems?.[0]?.path, query).toMatch(new RegExp(`^/query/${name}(/|$)`))
        expect(body.problems?.[0]?.message.nl.length).toBeGreaterThan(0)
      } else {
        expect(body.type, query).toBe('urn:polder:problem:bad-query') // a value the index refused
      }
    }
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await fetch(`${url()}/v1/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        expect([200, 400]).toContain(response.status)
      }),
      { numRuns: 150 },
    )
    expect((await search('q=hittestress')).total).toBeGreaterThan(0) // still serving
  })

  it('finds a record published through the API at once, and loses it when retracted', async () => {
    const created = await send('/v1/records', 'POST', {
      kind: 'practice',
      languages: ['nl', 'en'],
      title: { nl: 'Zeppelinbezorging in de binnenstad', en: 'Zeppelin delivery downtown' },
      status: 'pilot',
    })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const found = await eventually(
      () => search('q=zeppelinbezorging'),
      (r) => r.total === 1,
    )
    expect(found.hits[0]?.id).toBe(id)
    expect((await search('q=zeppelins')).total).toBe(1) // English plural, Dutch prefix
    const retracted = await send(`/v1/records/${id}`, 'DELETE', { reason: { en: 'test' } })
    expect(retracted.status).toBe(200)
    const gone = await eventually(
      () => search('q=zeppelinbezorging'),
      (r) => r.total === 0,
    )
    expect(gone.total).toBe(0)
  })
})
