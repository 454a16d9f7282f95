/**
 * Publishes that arrive together share a log entry and a transaction (group commit; that
 * they do is tested in the store, where a batch's make-up is certain), yet each request
 * keeps its own answer: a bad record fails only its own request, and the
 * honest-edit checks (duplicate content, an edit that changes nothing) hold between
 * requests of the same group.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProblemDocument } from '@polder/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
let node: InProcessNode

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-group-'))
  node = await startInProcess(join(dir, 'home'), { POLDER_WRITE_LIMIT: '100000' })
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return {
    status: response.status,
    body: (await response.json()) as ProblemDocument & { id?: string; version?: number },
  }
}

const draft = (title: string, extra: Record<string, unknown> = {}) => ({
  kind: 'practice',
  languages: ['en'],
  title: { en: title },
  status: 'pilot',
  ...extra,
})

describe('group commit over HTTP', () => {
  it('answers each of many concurrent publishes on its own, valid and invalid mixed', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => {
      if (i % 8 === 3) return draft(`bad status ${i}`, { status: 'sometime' })
      if (i % 8 === 5) return { kind: 'practice', languages: ['en'], status: 'pilot' }
      return draft(`good ${i}`)
    })
    const answers = await Promise.all(bodies.map((body) => call('POST', '/v1/records', body)))
    const good = answers.filter((_, i) => i % 8 !== 3 && i % 8 !== 5)
    const bad = answers.filter((_, i) => i % 8 === 3 || i % 8 === 5)
    expect(good.map(({ status }) => status)).toEqual(good.map(() => 201))
    expect(bad.map(({ status }) => status)).toEqual(bad.map(() => 422))
    // each bad one names its own field, nothing of another request
    answers.forEach(({ body }, i) => {
      if (i % 8 === 3) expect(body.problems?.map((p) => p.path)).toEqual(['/status'])
      if (i % 8 === 5) expect(body.problems?.map((p) => p.path)).toContain('/title')
    })
    // every acknowledged record is stored with what its request sent
    for (const [i, { body }] of answers.entries()) {
      if (i % 8 === 3 || i % 8 === 5) continue
      const stored = node.context.store.get(body.id as string)
      expect(stored && 'title' in stored ? stored.title : undefined).toEqual({ en: `good ${i}` })
    }
  })

  it('refuses the second of two identical publishes in one group as a duplicate', async () => {
    const same = draft('twice, at once', { tags: ['same'] })
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => call('POST', '/v1/records', same)),
    )
    const statuses = answers.map(({ status }) => status).sort()
    expect(statuses).toEqual([201, 409, 409])
    const refused = answers.filter(({ status }) => status === 409)
    const first = answers.find(({ status }) => status === 201)?.body.id
    for (const { body } of refused) {
      expect(body.type).toBe('urn:polder:problem:duplicate-record')
      expect(body.problems?.[0]?.message.en).toContain(first)
    }
    // forced, the same content is published again
    expect((await call('POST', '/v1/records?force=true', same)).status).toBe(201)
  })

  it('refuses the second of two identical edits in one group as no change', async () => {
    const { body: record } = await call('POST', '/v1/records', draft('to edit twice'))
    const edit = { tags: ['edited once'] }
    const answers = await Promise.all(
      Array.from({ length: 2 }, () => call('PATCH', `/v1/records/${record.id}`, edit)),
    )
    expect(answers.map(({ status }) => status).sort()).toEqual([200, 409])
    expect(answers.find(({ status }) => status === 409)?.body.type).toBe(
      'urn:polder:problem:no-change',
    )
    expect(node.context.store.get(record.id as string)?.version).toBe(2)
  })
})
