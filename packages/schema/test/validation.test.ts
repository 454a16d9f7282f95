import { describe, expect, it } from 'vitest'
import {
  LIMITS,
  type Problem,
  parseRecord,
  RecordValidationError,
  validateRecord,
  validateState,
} from '../src/index.js'
import { AUTHOR, minimalRecords, OTHER, ref } from './helpers.js'

const valid = minimalRecords()

function problemsOf(input: unknown): readonly Problem[] {
  const result = validateRecord(input)
  if (result.ok) throw new Error('expected the record to be refused')
  return result.problems
}

function expectProblem(input: unknown, path: string, code: string | RegExp): void {
  const problems = problemsOf(input)
  const found = problems.find((problem) => problem.path === path)
  expect(found, `no problem at ${path}; got ${JSON.stringify(problems)}`).toBeDefined()
  expect(found?.code).toMatch(code)
  // every problem says what is wrong in both languages, never a bare "invalid"
  for (const problem of problems) {
    expect(problem.message.en.length).toBeGreaterThan(5)
    expect(problem.message.nl.length).toBeGreaterThan(5)
    expect(problem.message.en).not.toMatch(/^invalid( input)?$/i)
  }
}

const practice = valid.practice as Record<string, unknown>

describe('every kind', () => {
  it.each(Object.entries(valid))('accepts a minimal %s and fills in defaults', (kind, record) => {
    const result = validateRecord(record)
    expect(result.ok, JSON.stringify(result.ok ? '' : result.problems)).toBe(true)
    if (!result.ok) return
    expect(result.value.kind).toBe(kind)
    expect(result.value.license).toBe('CC-BY-4.0')
    expect(result.value.tags).toEqual([])
  })

  it.each(Object.keys(valid))('refuses a %s without a title, naming the field', (kind) => {
    const { title: _title, ...rest } = valid[kind] as Record<string, unknown>
    expectProblem(rest, '/title', 'required')
  })

  it.each(Object.keys(valid))('refuses an unknown field on a %s', (kind) => {
    expectProblem({ ...valid[kind], colour: 'blue' }, '/colour', 'unknown_field')
  })
})

describe('invalid fields are refused with their path', () => {
  const cases: [string, Record<string, unknown>, string, string | RegExp][] = [
    ['a bad record id', { id: 'abc' }, '/id', 'invalid_format:record-id'],
    ['a bad author', { author: 'did:web:gemeente.nl' }, '/author', 'invalid_format:did'],
    ['another schema version', { schemaVersion: 0 }, '/schemaVersion', 'invalid_value'],
    [
      'a newer schema version',
      { schemaVersion: 2 },
      '/schemaVersion',
      'unsupported_schema_version',
    ],
    [
      'a date without time zone',
      { created: '2026-03-01T09:00:00' },
      '/created',
      'invalid_format:datetime',
    ],
    ['a version 0', { version: 0 }, '/version', 'too_small'],
    ['a fractional version', { version: 1.5 }, '/version', 'invalid_type'],
    ['no languages', { languages: [] }, '/languages', 'too_small'],
    ['a bad language tag', { languages: ['Dutch'] }, '/languages/0', 'invalid_format:language-tag'],
    ['a title in an undeclared tag', { title: { nl: 'x', NL: 'y' } }, '/title/NL', /language-tag/],
    ['an empty title', { title: {} }, '/title', 'language-map-empty'],
    ['an empty title text', { title: { nl: '', en: 'x' } }, '/title/nl', 'too_small'],
    ['a title too long', { title: { nl: 'x'.repeat(301), en: 'x' } }, '/title/nl', 'too_big'],
    [
      'a title missing a declared language',
      { title: { nl: 'Alleen Nederlands' } },
      '/title',
      'title-missing-language',
    ],
    [
      'a duplicate language',
      { languages: ['nl', 'nl'], title: { nl: 'x' } },
      '/languages',
      'duplicate-language',
    ],
    ['a non-string title', { title: { nl: 5, en: 'x' } }, '/title/nl', 'invalid_type'],
    ['a bad licence', { license: 'free for all!' }, '/license', 'invalid_format:spdx'],
    ['an unknown theme', { themes: ['weather'] }, '/themes/0', 'invalid_value'],
    ['too many themes', { themes: Array(21).fill('mobility') }, '/themes', 'too_big'],
    ['too many tags', { tags: Array(101).fill('x') }, '/tags', 'too_big'],
    ['a blank tag', { tags: ['   '] }, '/tags/0', 'too_small'],
    [
      'a lowercase country',
      { places: [{ name: 'X', country: 'nl' }] },
      '/places/0/country',
      /country-code/,
    ],
    [
      'a bad municipality code',
      { places: [{ name: 'X', country: 'NL', municipality: '0363' }] },
      '/places/0/municipality',
      /municipality-code/,
    ],
    [
      'a bad province code',
      { places: [{ name: 'X', country: 'NL', province: 'NH' }] },
      '/places/0/province',
      /province-code/,
    ],
    [
      'a latitude out of range',
      { places: [{ name: 'X', country: 'NL', point: { lat: 91, lon: 5 } }] },
      '/places/0/point/lat',
      'too_big',
    ],
    ['a place without a name', { places: [{ country: 'NL' }] }, '/places/0/name', 'required'],
    [
      'a non-http link',
      { links: [{ url: 'javascript:alert(1)' }] },
      '/links/0/url',
      'invalid_format:url',
    ],
    ['a relative link', { links: [{ url: '/foo' }] }, '/links/0/url', 'invalid_format:url'],
    [
      'a bad attachment CID',
      { attachments: [{ cid: 'Qm-nope', name: 'a.pdf', mediaType: 'application/pdf', size: 1 }] },
      '/attachments/0/cid',
      'invalid_format:cid',
    ],
    [
      'a bad media type',
      {
        attachments: [
          {
            cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
            name: 'a',
            mediaType: 'pdf',
            size: 1,
          },
        ],
      },
      '/attachments/0/mediaType',
      /media-type/,
    ],
    [
      'a negative size',
      {
        attachments: [
          {
            cid: 'bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
            name: 'a',
            mediaType: 'application/pdf',
            size: -1,
          },
        ],
      },
      '/attachments/0/size',
      'too_small',
    ],
    [
      'an unknown relation type',
      { relations: [{ type: 'likes', target: ref('01J00000000000000000000000') }] },
      '/relations/0/type',
      'invalid_value',
    ],
    [
      'a bad relation target',
      { relations: [{ type: 'cites', target: 'https://example.org' }] },
      '/relations/0/target',
      'invalid_format:polder-ref',
    ],
    [
      'a duplicate relation',
      {
        relations: [
          { type: 'cites', target: ref('01J00000000000000000000000') },
          { type: 'cites', target: ref('01J00000000000000000000000') },
        ],
      },
      '/relations/1',
      'duplicate-relation',
    ],
    [
      'updated before created',
      { updated: '2020-01-01T00:00:00Z' },
      '/updated',
      'updated-before-created',
    ],
    ['an unknown status', { status: 'running' }, '/status', 'invalid_value'],
    [
      'an end before the start',
      { startDate: '2024-05-01', endDate: '2024-04-30' },
      '/endDate',
      'end-before-start',
    ],
    ['an impossible date', { startDate: '2024-02-30' }, '/startDate', 'invalid_format:date'],
    [
      'a float amount',
      { budget: { amount: 1250000.5, currency: 'EUR' } },
      '/budget/amount',
      'invalid_type',
    ],
    [
      'an amount with a comma',
      { budget: { amount: '1.250.000,50', currency: 'EUR' } },
      '/budget/amount',
      'invalid_format:amount',
    ],
    [
      'too many decimals for EUR',
      { budget: { amount: '10.001', currency: 'EUR' } },
      '/budget/amount',
      'money-decimals',
    ],
    [
      'an unknown currency',
      { budget: { amount: '10', currency: 'EURO' } },
      '/budget/currency',
      'invalid_format:currency',
    ],
    [
      'funding in another currency',
      {
        budget: { amount: '10', currency: 'EUR' },
        funding: [{ source: 'eu', contribution: { amount: '5', currency: 'USD' } }],
      },
      '/funding/0/contribution/currency',
      'funding-currency',
    ],
    [
      'funding above the budget',
      {
        budget: { amount: '10', currency: 'EUR' },
        funding: [
          { source: 'eu', contribution: { amount: '6', currency: 'EUR' } },
          { source: 'municipal', contribution: { amount: '4.01', currency: 'EUR' } },
        ],
      },
      '/funding',
      'funding-exceeds-budget',
    ],
    [
      'an unknown funding source',
      { funding: [{ source: 'lottery' }] },
      '/funding/0/source',
      'invalid_value',
    ],
    [
      'an unknown impact dimension',
      { outcomes: [{ dimension: 'cultural', description: { nl: 'x' } }] },
      '/outcomes/0/dimension',
      'invalid_value',
    ],
    [
      'an unknown barrier',
      { barriers: [{ barrier: 'weather' }] },
      '/barriers/0/barrier',
      'invalid_value',
    ],
    [
      'a partner with a bad DID',
      { partners: [{ name: 'TNO', did: 'tno' }] },
      '/partners/0/did',
      'invalid_format:did',
    ],
    [
      'an unknown partner type',
      { partners: [{ name: 'TNO', orgType: 'ngo' }] },
      '/partners/0/orgType',
      'invalid_value',
    ],
  ]
  it.each(cases)('refuses %s', (_name, change, path, code) => {
    expectProblem({ ...practice, ...change }, path, code)
  })
})

describe('kind rules', () => {
  const kinds = valid as Record<string, Record<string, unknown>>
  it('a lesson is about something: it needs a lessonOf relation', () => {
    expectProblem({ ...kinds.lesson, relations: [] }, '/relations', 'relation-required')
  })
  it('an adoption names what it replicates', () => {
    expectProblem(
      {
        ...kinds.adoption,
        relations: [{ type: 'cites', target: ref('01J00000000000000000000000') }],
      },
      '/relations',
      'relation-required',
    )
  })
  it('a lab has a place', () => {
    expectProblem({ ...kinds.lab, places: [] }, '/places', 'lab-needs-place')
  })
  it('a finding has researchers, a valid DOI and ORCID iDs with the right check digit', () => {
    expectProblem({ ...kinds.finding, researchers: [] }, '/researchers', 'too_small')
    expectProblem(
      { ...kinds.finding, doi: 'https://example.org/10.1000/xyz' },
      '/doi',
      'invalid_format:doi',
    )
    expectProblem(
      { ...kinds.finding, researchers: [{ name: 'J. Jansen', orcid: '0000-0002-1825-0098' }] },
      '/researchers/0/orcid',
      'invalid_format:orcid',
    )
    expect(
      validateRecord({
        ...kinds.finding,
        researchers: [{ name: 'J. Carberry', orcid: '0000-0002-1694-233X' }],
      }).ok,
    ).toBe(true)
    expectProblem(
      { ...kinds.finding, datasets: [{ title: { nl: 'x' }, landingPage: 'ftp://x' }] },
      '/datasets/0/landingPage',
      'invalid_format:url',
    )
  })
  it('an organisation has a known type and a valid e-mail address', () => {
    expectProblem({ ...kinds.organization, orgType: 'club' }, '/orgType', 'invalid_value')
    expectProblem(
      { ...kinds.organization, contactEmail: 'info@' },
      '/contactEmail',
      'invalid_format:email',
    )
  })
  it('an organisation cannot vouch for itself', () => {
    expectProblem({ ...kinds.vouch, subject: AUTHOR }, '/subject', 'vouch-self')
    expect(validateRecord({ ...kinds.vouch, subject: OTHER }).ok).toBe(true)
  })
})

describe('whole records', () => {
  it.each([null, 'practice', 42, [], undefined])('refuses %j as a record', (input) => {
    expectProblem(input, '', 'invalid_type')
  })

  it('refuses an unknown kind, listing the kinds', () => {
    const [problem] = problemsOf({ ...practice, kind: 'event' })
    expect(problem?.path).toBe('/kind')
    expect(problem?.message.en).toContain('practice (Good practice), lesson (Lesson learned)')
  })

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf({ ...practice, id: 'x', author: 'y', status: 'z', tags: [1] })
    expect(problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['/id', '/author', '/status', '/tags/0']),
    )
  })

  it(`refuses a record whose encoding exceeds ${LIMITS.recordBytes / 1024} KiB, though every field fits`, () => {
    const big = 'x'.repeat(90_000)
    const result = validateRecord({ ...practice, body: { nl: big, en: big, fy: big } })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems[0]?.code).toBe('too_large')
  })

  it('refuses text that is not well-formed Unicode (a lone surrogate), naming the field', () => {
    const lone = (text: string) => ({ ...practice, title: { nl: 'Hittekaart', en: text } })
    for (const bad of ['heat \uD83D map', 'heat \uDE00 map', 'ends high \uD83D', '\uDE00\uD83D']) {
      const problems = problemsOf(lone(bad))
      expect(problems).toEqual([
        expect.objectContaining({ path: '/title/en', code: 'invalid_unicode' }),
      ])
      expect(problems[0]?.message.nl).toContain('surrogaat')
    }
    expectProblem({ ...practice, tags: ['ok', 'x\uD800'] }, '/tags/1', 'invalid_unicode')
    expectProblem({ ...practice, title: { nl: 'a', 'e\uDC00': 'b' } }, '/title', 'invalid_unicode')
    // a pair is one character (an emoji), valid as it is
    expect(validateRecord(lone('heat map \uD83D\uDE00')).ok).toBe(true)
  })

  it('parseRecord throws a RecordValidationError carrying the problems', () => {
    try {
      parseRecord({ ...practice, status: 'z' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(RecordValidationError)
      expect((err as RecordValidationError).name).toBe('RecordValidationError')
      expect((err as RecordValidationError).problems[0]?.path).toBe('/status')
      expect((err as Error).message).toContain('/status')
    }
  })

  it('does not mistake a tombstone for a record, or the other way round', () => {
    expect(validateState({ ...practice, status: 'retracted' }).ok).toBe(false)
    expect(validateState(practice).ok).toBe(true)
  })
})
