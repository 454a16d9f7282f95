/**
 * What publishing checks beyond the record schema, and the messages a user acts on:
 * place codes against the vocabulary, drafts without the fields the node fills in,
 * pasted DOI and ORCID URLs, wrong types, enums with their labels.
 */
import { describe, expect, it } from 'vitest'
import {
  decodeState,
  editRecord,
  encodeState,
  MUNICIPALITIES,
  type PolderRecord,
  PROVINCES,
  type Problem,
  parseRecord,
  RecordValidationError,
  recordJsonSchema,
  unknownPlaceCodes,
  validateDraft,
  validateRecord,
} from '../src/index.js'
import { AUTHOR, minimalRecords } from './helpers.js'

const records = minimalRecords()
const IDENTITY = ['id', 'schemaVersion', 'author', 'created', 'updated', 'version']

/** A record as an author writes it: without the fields the node fills in. */
function draftOf(kind: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const draft: Record<string, unknown> = { ...records[kind], ...extra }
  for (const field of IDENTITY) delete draft[field]
  return draft
}

function refused(result: ReturnType<typeof validateRecord>): readonly Problem[] {
  if (result.ok) throw new Error('expected the record to be refused')
  return result.problems
}

const place = (fields: Record<string, unknown>) => ({ name: 'Ergens', country: 'NL', ...fields })

describe('place codes are checked against the vocabulary when publishing', () => {
  it('has the 342 municipalities and 12 provinces of 2025', () => {
    expect(MUNICIPALITIES).toHaveLength(342)
    expect(PROVINCES).toHaveLength(12)
  })

  it('refuses a municipality code that is not in the list, naming it', () => {
    const problems = refused(
      validateDraft(draftOf('practice', { places: [place({ municipality: 'GM9999' })] }), {
        author: AUTHOR,
      }),
    )
    expect(problems).toHaveLength(1)
    expect(problems[0]?.path).toBe('/places/0/municipality')
    expect(problems[0]?.code).toBe('unknown-municipality')
    expect(problems[0]?.message.en).toContain('GM9999 is not a Dutch municipality')
    expect(problems[0]?.message.nl).toContain('GM9999 is geen Nederlandse gemeente')
  })

  it('refuses a province code that is not in the list, listing the provinces', () => {
    const [problem] = refused(
      validateDraft(draftOf('practice', { places: [place({ province: 'PV99' })] }), {
        author: AUTHOR,
      }),
    )
    expect(problem?.path).toBe('/places/0/province')
    expect(problem?.message.en).toContain('PV26 (Utrecht)')
  })

  it('refuses a province that is not the municipality’s, saying where it lies', () => {
    const [problem] = refused(
      validateDraft(
        draftOf('practice', { places: [place({ municipality: 'GM0150', province: 'PV25' })] }),
        { author: AUTHOR },
      ),
    )
    expect(problem?.path).toBe('/places/0/province')
    expect(problem?.message.en).toMatch(/^GM0150 Deventer lies in PV23 Overijssel, not PV25/)
    expect(problem?.message.nl).toMatch(/^GM0150 Deventer ligt in PV23 Overijssel, niet in PV25/)
  })

  it('fills in the province of a municipality', () => {
    const result = validateDraft(
      draftOf('practice', { places: [place({ municipality: 'GM0150' })] }),
      { author: AUTHOR },
    )
    expect(result.ok && result.value.places[0]?.province).toBe('PV23')
  })

  it('checks new places of an edit, and keeps places an edit does not touch', () => {
    const stored = parseRecord(records.practice)
    expect(() => editRecord(stored, { places: [place({ municipality: 'GM9999' })] })).toThrow(
      RecordValidationError,
    )
    const edited = editRecord(stored, { places: [place({ municipality: 'GM0363' })] })
    expect(edited.places[0]?.province).toBe('PV27')
  })

  it('keeps a peer’s record with a code this node does not know, and flags it', () => {
    // a newer vocabulary's code, as a peer's node would have published it
    const peers = { ...records.practice, places: [place({ municipality: 'GM9998' })] }
    const state = decodeState(encodeState(peers)) as PolderRecord
    expect(state.places[0]?.municipality).toBe('GM9998')
    expect(unknownPlaceCodes(state)).toEqual([{ path: '/places/0/municipality', code: 'GM9998' }])
    expect(unknownPlaceCodes(parseRecord(records.lab))).toEqual([])
  })
})

describe('a draft is checked as publish would', () => {
  it.each(Object.keys(records))('takes a %s without the fields the node fills in', (kind) => {
    const result = validateDraft(draftOf(kind), { author: AUTHOR })
    expect(result.ok, JSON.stringify(result.ok ? '' : result.problems)).toBe(true)
    expect(result.ok && result.value.author).toBe(AUTHOR)
  })

  it('never asks for /id or /author in a draft, but names what the author must give', () => {
    const { title: _title, ...withoutTitle } = draftOf('practice')
    const problems = refused(validateDraft(withoutTitle, { author: AUTHOR }))
    expect(problems.map((p) => p.path)).toEqual(['/title'])
    // the stored record's validation does ask for them
    const stored = refused(validateRecord(draftOf('practice')))
    expect(stored.map((p) => p.path)).toEqual(expect.arrayContaining(['/id', '/author']))
  })

  it('has JSON Schemas of the draft and of the stored record', () => {
    const draft = recordJsonSchema('practice', 'draft')
    const stored = recordJsonSchema('practice', 'stored')
    expect(stored.required).toEqual(expect.arrayContaining(['id', 'author', 'version']))
    expect(draft.required).not.toEqual(expect.arrayContaining(['id']))
    expect(draft.required).toEqual(expect.arrayContaining(['title', 'kind', 'status']))
    const properties = Object.keys(draft.properties as object)
    expect(properties).not.toContain('author')
    expect(properties).not.toContain('version')
    expect(properties).toContain('id')
    expect(draft.title).toBe('Polder practice draft')
  })
})

describe('DOI and ORCID as pasted', () => {
  it.each([
    'https://doi.org/10.1016/j.scs.2024.105123',
    'http://dx.doi.org/10.1016/j.scs.2024.105123',
    'doi:10.1016/j.scs.2024.105123',
    '10.1016/j.scs.2024.105123',
  ])('takes %s and stores the bare DOI', (doi) => {
    const result = validateRecord({ ...records.finding, doi })
    expect(result.ok && 'doi' in result.value && result.value.doi).toBe('10.1016/j.scs.2024.105123')
  })

  it('takes an ORCID iD as its orcid.org URL and stores the bare iD', () => {
    const result = validateRecord({
      ...records.finding,
      researchers: [{ name: 'J. Jansen', orcid: 'https://orcid.org/0000-0002-1825-0097' }],
    })
    expect(result.ok && result.value.kind === 'finding' && result.value.researchers[0]?.orcid).toBe(
      '0000-0002-1825-0097',
    )
  })

  it('still refuses what is not a DOI or ORCID iD behind the prefix', () => {
    const [doi] = refused(validateRecord({ ...records.finding, doi: 'https://doi.org/abc' }))
    expect(doi?.code).toBe('invalid_format:doi')
    const [orcid] = refused(
      validateRecord({
        ...records.finding,
        researchers: [{ name: 'J', orcid: 'https://orcid.org/0000-0002-1825-0098' }],
      }),
    )
    expect(orcid?.code).toBe('invalid_format:orcid')
  })
})

describe('messages a user can act on', () => {
  it('says a field of the wrong type is of the wrong type, never that it is required', () => {
    const [problem] = refused(validateRecord({ ...records.practice, tags: 'hitte' }))
    expect(problem?.path).toBe('/tags')
    expect(problem?.code).toBe('invalid_type')
    expect(problem?.message.en).toBe('expected an array, got a string')
    expect(problem?.message.nl).toBe('verwacht een lijst, kreeg tekst')
  })

  it('lists the allowed values of an enum with their labels in each language', () => {
    const [problem] = refused(validateRecord({ ...records.practice, status: 'running' }))
    expect(problem?.message.en).toContain('scaled (Scaled up)')
    expect(problem?.message.nl).toContain('scaled (Opgeschaald)')
  })

  it('gives a malformed value one problem, not also the checks computed from it', () => {
    const budget = refused(
      validateRecord({
        ...records.practice,
        budget: { amount: '480.000,50', currency: 'EUR' },
        funding: [{ source: 'eu', contribution: { amount: '900000', currency: 'EUR' } }],
      }),
    )
    expect(budget.map((p) => p.code)).toEqual(['invalid_format:amount'])
    const period = refused(
      validateRecord({ ...records.practice, startDate: 'gisteren', endDate: '2020-01-01' }),
    )
    expect(period.map((p) => p.code)).toEqual(['invalid_format:date'])
    // well-formed values are still checked across fields
    const over = refused(
      validateRecord({
        ...records.practice,
        budget: { amount: '1000', currency: 'EUR' },
        funding: [{ source: 'eu', contribution: { amount: '900000', currency: 'EUR' } }],
      }),
    )
    expect(over.map((p) => p.code)).toEqual(['funding-exceeds-budget'])
  })

  it('says an unknown field of a record is not a field of its kind, in Dutch too', () => {
    const [problem] = refused(validateRecord({ ...records.practice, colour: 'blue' }))
    expect(problem?.message.nl).toBe('is geen veld van dit soort record')
  })
})
