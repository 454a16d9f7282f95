/** The agenda through the API of a node in this process holding the demo records. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
let node: InProcessNode | undefined

const api = () => {
  if (node === undefined) throw new Error('no node')
  return node.api
}

/** The demo record whose English title matches. */
async function demo(kind: string, title: RegExp): Promise<string> {
  const result = await api().searchRecords({ query: { kind, limit: '100' } })
  const hit = result.hits.find((h) => title.test(h.title.en ?? ''))
  if (hit === undefined) throw new Error(`no demo ${kind} ${title}`)
  return `polder://${hit.author}/${hit.id}`
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-agenda-'))
  node = await startInProcess(join(dir, 'home'), {}, { demo: true })
  const deadline = Date.now() + 30_000
  while ((await api().getSearchStatus()).state !== 'ready' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('GET /v1/overview', () => {
  it('counts and sums the demo records, with the filters of search', async () => {
    const all = await api().getOverview({ query: {} })
    const searched = await api().searchRecords({ query: {} })
    expect(all.total.count).toBe(searched.total)
    expect(all.total.count).toBeGreaterThanOrEqual(81)
    expect(all.countsInEach).toBe(true)
    expect(all.jointPilots.count).toBeGreaterThanOrEqual(3)
    expect(all.standards.find((s) => s.code === 'lorawan')?.adoptions).toBeGreaterThan(0)
    const heat = await api().getOverview({ query: { theme: 'climate-adaptation' } })
    const heatSearch = await api().searchRecords({
      query: { theme: 'climate-adaptation' } as never,
    })
    expect(heat.total.count).toBe(heatSearch.total)
    expect(heat.total.count).toBeLessThan(all.total.count)
    expect(heat.openQuestionsPerTheme.every((q) => q.count > 0)).toBe(true)
  })

  it('refuses a bad filter with the field named, in Dutch and English', async () => {
    const response = await fetch(`${node?.url}/v1/overview?budgetMin=lots`)
    expect(response.status).toBe(400)
    const body = (await response.json()) as {
      errors?: { pointer?: string; detail?: { nl?: string } }[]
    }
    expect(JSON.stringify(body)).toContain('budgetMin')
  })
})

describe('GET /v1/records/{id}/similar', () => {
  it('gives related work, explicit relations both ways and, for a question, who could answer it', async () => {
    const question = await demo('question', /keep older residents cool/)
    const answer = await api().getSimilarRecords({ params: { id: question }, query: {} })
    expect(answer.similar.length).toBeGreaterThan(0)
    expect(answer.similar.some((h) => `polder://${h.author}/${h.id}` === question)).toBe(false)
    const incoming = answer.related.filter((r) => r.direction === 'incoming')
    expect(incoming.filter((r) => r.type === 'endorses')).toHaveLength(3)
    expect(incoming.some((r) => r.type === 'answers' && r.kind === 'finding')).toBe(true)
    expect(answer.answerers.length).toBeGreaterThan(0)
    expect(answer.answerers.every((a) => !question.includes(a.did))).toBe(true)
    expect(answer.answerers.every((a) => a.records > 0)).toBe(true)

    const practice = await demo('practice', /Heat-stress map/)
    const forPractice = await api().getSimilarRecords({
      params: { id: practice },
      query: { limit: '3' },
    })
    expect(forPractice.similar.length).toBeLessThanOrEqual(3)
    expect(forPractice.answerers).toEqual([])
  })

  it('answers 404 for a record it does not hold and 400 for a bad limit', async () => {
    const missing = await fetch(
      `${node?.url}/v1/records/${encodeURIComponent('polder://did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK/01JZZZZZZZZZZZZZZZZZZZZZZZ')}/similar`,
    )
    expect(missing.status).toBe(404)
    const question = await demo('question', /keep older residents cool/)
    const bad = await fetch(
      `${node?.url}/v1/records/${encodeURIComponent(question)}/similar?limit=0`,
    )
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('limit')
  })
})

describe('publishing questions, answers and endorsements through the API', () => {
  it('refuses an endorsement of the own question and an answer to a non-question, at the field', async () => {
    const own = await api().publishRecords({
      body: {
        kind: 'question',
        languages: ['nl'],
        title: { nl: 'Hoe meten we luchtkwaliteit per straat?' },
        status: 'open',
        urgency: 'medium',
      },
    })
    const ref = `polder://${(own as { author: string }).author}/${(own as { id: string }).id}`
    const self = await fetch(`${node?.url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${node?.token}` },
      body: JSON.stringify({
        kind: 'endorsement',
        languages: ['nl'],
        title: { nl: 'Wij ook' },
        relations: [{ type: 'endorses', target: ref }],
      }),
    })
    expect(self.status).toBe(422)
    const problem = await self.text()
    expect(problem).toContain('/relations/0/target')
    expect(problem).toContain('eigen vraag')
    const practice = await demo('practice', /Heat-stress map/)
    const wrong = await fetch(`${node?.url}/v1/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${node?.token}` },
      body: JSON.stringify({
        kind: 'finding',
        languages: ['en'],
        title: { en: 'Street-level air quality' },
        researchers: [{ name: 'A. Onderzoeker' }],
        abstract: { en: 'We measured.' },
        relations: [{ type: 'answers', target: practice }],
      }),
    })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('answers-not-a-question')
  })
})
