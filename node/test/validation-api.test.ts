/**
 * Validation over the API as a user meets it: drafts checked as publish would, place
 * codes against the vocabulary, search parameters and facet values that say what they
 * take, every message in Dutch and English, and problem titles constant per type.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ProblemDocument } from '@polder/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPolder } from './cli.js'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
let node: InProcessNode

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-validation-'))
  node = await startInProcess(join(dir, 'home'), { POLDER_WRITE_LIMIT: '100000' })
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${node.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return {
    status: response.status,
    body: JSON.parse(text) as ProblemDocument & Record<string, unknown>,
  }
}

const draft = (extra: Record<string, unknown> = {}) => ({
  kind: 'practice',
  languages: ['nl'],
  title: { nl: 'Hittekaart' },
  status: 'pilot',
  ...extra,
})

/** No message is English only, nor zod's bare "Invalid input". */
function expectBilingual(problem: ProblemDocument): void {
  for (const p of problem.problems ?? []) {
    expect(p.message.nl).not.toBe(p.message.en)
    expect(p.message.en).not.toMatch(/invalid input/i)
  }
}

describe('POST /v1/validate checks a draft as publish would', () => {
  it('takes a draft without the fields the node fills in', async () => {
    const { status, body } = await call('POST', '/v1/validate', draft())
    expect(status).toBe(200)
    expect((body.record as { author: string }).author).toBe(node.context.store.did)
  })

  it('names only what the author must fix, never /id or /author', async () => {
    const { status, body } = await call('POST', '/v1/validate', draft({ title: undefined }))
    expect(status).toBe(422)
    expect(body.problems?.map((p) => p.path)).toEqual(['/title'])
  })

  it('refuses GM9999 as publish does, and a province that is not the municipality’s', async () => {
    const places = [
      { name: 'Nergens', country: 'NL', municipality: 'GM9999' },
      { name: 'Deventer', country: 'NL', municipality: 'GM0150', province: 'PV25' },
    ]
    const validated = await call('POST', '/v1/validate', draft({ places }))
    expect(validated.status).toBe(422)
    expect(validated.body.problems?.map((p) => p.code)).toEqual([
      'unknown-municipality',
      'province-mismatch',
    ])
    expect(validated.body.problems?.[1]?.message.en).toContain(
      'GM0150 Deventer lies in PV23 Overijssel, not PV25',
    )
    const before = node.context.store.count()
    const published = await call('POST', '/v1/records', draft({ places }))
    expect(published.status).toBe(422)
    expect(published.body.problems).toEqual(validated.body.problems)
    expect(node.context.store.count()).toBe(before)
  })

  it('publishes a municipality with its province filled in, and a DOI pasted as a URL', async () => {
    const published = await call('POST', '/v1/records', {
      kind: 'finding',
      languages: ['nl'],
      title: { nl: 'Hitte in Deventer' },
      abstract: { nl: 'Het is warm.' },
      researchers: [{ name: 'A. de Vries', orcid: 'https://orcid.org/0000-0002-1825-0097' }],
      doi: 'https://doi.org/10.1016/j.scs.2024.105123',
      places: [{ name: 'Deventer', country: 'NL', municipality: 'GM0150' }],
    })
    expect(published.status).toBe(201)
    const record = published.body as unknown as {
      doi: string
      places: { province: string }[]
      researchers: { orcid: string }[]
    }
    expect(record.doi).toBe('10.1016/j.scs.2024.105123')
    expect(record.researchers[0]?.orcid).toBe('0000-0002-1825-0097')
    expect(record.places[0]?.province).toBe('PV23')
  })

  it('serves the JSON Schema of the draft and of the stored record', async () => {
    const draftSchema = await call('GET', '/v1/schema/practice?form=draft')
    const stored = await call('GET', '/v1/schema/practice')
    expect(Object.keys(draftSchema.body.properties as object)).not.toContain('author')
    expect(Object.keys(stored.body.properties as object)).toContain('author')
  })

  it('lists the kinds for an unknown kind', async () => {
    const { status, body } = await call('GET', '/v1/schema/event')
    expect(status).toBe(404)
    expect(body.detail).toContain('practice (Good practice)')
    expect(body.problems?.[0]?.message.nl).toContain('practice (Goede praktijk)')
  })
})

describe('request problems say what is expected, in Dutch and English', () => {
  it('says a field of the wrong type is of the wrong type, never that it is required', async () => {
    const { status, body } = await call('POST', '/v1/search', { facets: 'theme' })
    expect(status).toBe(400)
    expect(body.problems?.[0]).toMatchObject({
      path: '/body/facets',
      code: 'invalid_type',
      message: { en: 'expected an array, got a string', nl: 'verwacht een lijst, kreeg tekst' },
    })
  })

  it.each(['-5', 'ten', '2.5', '101'])(
    'answers limit=%s with the range it takes',
    async (limit) => {
      const { status, body } = await call('GET', `/v1/search?limit=${limit}`)
      expect(status).toBe(400)
      expect(body.problems).toEqual([
        {
          path: '/query/limit',
          code: 'whole-number-range',
          message: {
            en: 'expected a whole number from 1 to 100',
            nl: 'verwacht een geheel getal van 1 tot en met 100',
          },
        },
      ])
    },
  )

  it('takes a facet value by its label: province=Overijssel is PV23', async () => {
    // the Deventer finding published above lies in Overijssel, not in Utrecht
    const overijssel = await call('GET', '/v1/search?province=Overijssel&kind=Onderzoeksresultaat')
    expect(overijssel.status).toBe(200)
    expect(overijssel.body.total).toBe(1)
    const utrecht = await call('GET', '/v1/search?province=utrecht')
    expect(utrecht.status).toBe(200)
    expect(utrecht.body.total).toBe(0)
  })

  it('answers an unknown facet value with the codes and labels the facet takes', async () => {
    const { status, body } = await call('GET', '/v1/search?province=Utrechtse%20Heuvelrug')
    expect(status).toBe(400)
    const [problem] = body.problems ?? []
    expect(problem?.path).toBe('/query/filters/province/0')
    expect(problem?.message.en).toContain('PV26 (Utrecht)')
    expect(problem?.message.nl).toContain('PV27 (Noord-Holland)')
    const theme = await call('POST', '/v1/search', { filters: { theme: ['klimaat'] } })
    expect(theme.status).toBe(400)
    expect(theme.body.problems?.[0]?.message.nl).toContain('climate-adaptation (Klimaatadaptatie')
    expectBilingual(theme.body)
  })

  it('never calls a search filter a field of a kind of record', async () => {
    const { status, body } = await call('POST', '/v1/search', { filters: { colour: ['red'] } })
    expect(status).toBe(400)
    expect(body.problems?.[0]?.path).toBe('/body/filters/colour')
    expect(body.problems?.[0]?.message.en).not.toMatch(/kind of record/)
    expectBilingual(body)
  })

  it('gives every problem in Dutch and English, also for a union of forms', async () => {
    const { status, body } = await call('GET', '/v1/records/not-an-id')
    expect(status).toBe(400)
    expect(body.problems?.[0]?.message.en).toContain('not a record id')
    expect(body.problems?.[0]?.message.en).toContain('not a Polder reference')
    expectBilingual(body)
  })

  it('says in Dutch and English what is wrong with a cursor or a budget range', async () => {
    const cursor = await call('GET', '/v1/search?cursor=xyz')
    expect(cursor.status).toBe(400)
    expect(cursor.body.problems?.[0]?.message.nl).toContain('geen cursor van deze zoekopdracht')
    const budget = await call('POST', '/v1/search', {
      budget: { min: { amount: '1', currency: 'EUR' }, max: { amount: '2', currency: 'USD' } },
    })
    expect(budget.status).toBe(400)
    expect(budget.body.problems?.[0]?.message.nl).toContain('in één valuta')
  })

  it('keeps the title of a problem type constant, the particulars in detail', async () => {
    const first = await call('GET', '/v1/search?limit=-5')
    const second = await call('GET', '/v1/records?kind=essay')
    expect(first.body.title).toBe('The request is not valid')
    expect(second.body.title).toBe(first.body.title)
    expect(first.body.detail).toContain('/query/limit')
    const missing = await call('GET', '/v1/records/01JD0000000000000000000000')
    expect(missing.status).toBe(404)
    expect(missing.body.title).toBe('No such record')
  })
})

describe('polder validate', () => {
  it('checks a draft as publish would: no /id, but GM9999 refused', async () => {
    const good = join(dir, 'draft.json')
    const bad = join(dir, 'bad.json')
    await writeFile(good, JSON.stringify(draft()))
    await writeFile(
      bad,
      JSON.stringify(draft({ places: [{ name: 'X', country: 'NL', municipality: 'GM9999' }] })),
    )
    const valid = await runPolder(['validate', good])
    expect(valid.code).toBe(0)
    expect(valid.stdout).toContain('valid practice')
    const invalid = await runPolder(['validate', bad, '--lang', 'en'])
    expect(invalid.code).toBe(1)
    expect(invalid.stdout).toContain('/places/0/municipality')
    expect(invalid.stdout).toContain('GM9999 is not a Dutch municipality')
    expect(invalid.stdout).not.toContain('/id')
  }, 60_000)
})
