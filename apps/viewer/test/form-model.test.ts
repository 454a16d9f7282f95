import { type RecordKind, recordJsonSchema, validateRecord } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import {
  changesOf,
  cleanValue,
  draftIdentity,
  editableOf,
  type Field,
  fieldPointers,
  formFields,
  initialValue,
  type JsonSchema,
  placeProblems,
  recordOf,
  removeAt,
  setAt,
  toggled,
  writersProblems,
} from '../src/lib/form-model'

const schemaOf = (kind: RecordKind) => recordJsonSchema(kind) as JsonSchema
const byName = (fields: readonly Field[], name: string) => fields.find((f) => f.name === name)

describe('forms from the record schemas', () => {
  it('maps every field of a practice to an input, identity left to the node', () => {
    const fields = formFields(schemaOf('practice'))
    expect(fields.slice(0, 4).map((f) => f.name)).toEqual(['languages', 'title', 'summary', 'body'])
    for (const name of ['id', 'author', 'created', 'updated', 'version', 'kind', 'schemaVersion'])
      expect(byName(fields, name)).toBeUndefined()
    expect(byName(fields, 'title')).toMatchObject({
      type: 'langText',
      required: true,
      multiline: false,
    })
    expect(byName(fields, 'body')).toMatchObject({ type: 'langText', multiline: true })
    expect(byName(fields, 'status')).toMatchObject({
      type: 'select',
      required: true,
      options: ['idea', 'pilot', 'scaled', 'ended'],
    })
    expect(byName(fields, 'themes')).toMatchObject({ type: 'multiSelect' })
    expect(byName(fields, 'tags')).toMatchObject({ type: 'stringList' })
    expect(byName(fields, 'startDate')).toMatchObject({ type: 'text', input: 'date' })
    expect(byName(fields, 'budget')).toMatchObject({
      type: 'group',
      fields: [
        { name: 'amount', input: 'amount', required: true },
        { name: 'currency', input: 'currency', required: true },
      ],
    })
    const places = byName(fields, 'places')
    expect(places).toMatchObject({ type: 'repeat', item: { type: 'group' } })
    const place =
      places?.type === 'repeat' && places.item.type === 'group' ? places.item.fields : []
    expect(byName(place, 'municipality')).toMatchObject({ type: 'select', source: 'municipality' })
    expect(byName(place, 'point')).toMatchObject({ type: 'group' })
  })

  it('has a form for every kind', () => {
    for (const kind of [
      'practice',
      'lesson',
      'finding',
      'initiative',
      'lab',
      'adoption',
      'organization',
      'vouch',
      'question',
      'endorsement',
    ] as const) {
      expect(formFields(schemaOf(kind)).length).toBeGreaterThan(5)
    }
    const lab = formFields(schemaOf('lab'))
    expect(byName(lab, 'regulatoryRoom')).toMatchObject({
      type: 'group',
      fields: [
        { name: 'granted', type: 'boolean' },
        { name: 'description', type: 'langText' },
      ],
    })
  })

  it('turns the form’s value into the record the node accepts', () => {
    const schema = schemaOf('practice')
    let value: unknown = initialValue('practice', schema, ['nl', 'en'])
    expect(value).toMatchObject({
      kind: 'practice',
      languages: ['nl', 'en'],
      license: 'CC-BY-4.0',
      themes: [],
    })
    value = setAt(value, ['title', 'nl'], 'Slimme lantaarnpalen')
    value = setAt(value, ['title', 'en'], 'Smart street lights')
    value = setAt(value, ['summary', 'nl'], '  ')
    value = setAt(value, ['status'], 'pilot')
    value = setAt(value, ['places', 0], { name: 'Zwolle', country: 'NL', municipality: '' })
    value = setAt(value, ['places', 1], { name: '' })
    value = setAt(value, ['budget'], { amount: '', currency: '' })
    const record = recordOf(value as Record<string, unknown>)
    expect(record).toEqual({
      kind: 'practice',
      languages: ['nl', 'en'],
      license: 'CC-BY-4.0',
      title: { nl: 'Slimme lantaarnpalen', en: 'Smart street lights' },
      status: 'pilot',
      themes: [],
      tags: [],
      places: [{ name: 'Zwolle', country: 'NL' }],
      links: [],
      attachments: [],
      relations: [],
      partners: [],
      standards: [],
      funding: [],
      outcomes: [],
      barriers: [],
    })
    const draft = {
      ...draftIdentity(
        schema,
        'did:key:z6MkhSSYDKt9SjQTMaETqBiRp6x6a9wr7woSJanu19TSuQ9y',
        new Date(),
      ),
      ...record,
    }
    expect(validateRecord(draft).ok).toBe(true)
    expect(removeAt(value, ['places'], 0)).toMatchObject({ places: [{ name: '' }] })
    expect(cleanValue({ a: [{}, { b: 0 }, false] })).toEqual({ a: [{ b: 0 }, false] })
  })

  it('toggles a choice in a list', () => {
    expect(toggled(['nl'], 'en')).toEqual(['nl', 'en'])
    expect(toggled(['nl', 'en'], 'nl')).toEqual(['en'])
  })

  it('edits a record without its identity', () => {
    const record = { id: 'X', author: 'did', version: 2, kind: 'lesson', title: { nl: 'a' } }
    expect(editableOf(record)).toEqual({ kind: 'lesson', title: { nl: 'a' } })
    expect(changesOf(editableOf(record))).toEqual({ title: { nl: 'a' } })
    // a field emptied in the form is sent as null, so the node removes it
    const withSummary = { ...record, summary: { nl: 'kort' } }
    const emptied = { ...editableOf(withSummary), summary: { nl: '' } }
    expect(changesOf(emptied, withSummary)).toEqual({ title: { nl: 'a' }, summary: null })
  })

  it('places each of the node’s problems at the deepest field shown', () => {
    const schema = schemaOf('practice')
    const fields = formFields(schema)
    let value: unknown = initialValue('practice', schema, ['nl', 'en'])
    value = setAt(value, ['title', 'nl'], 'x')
    value = setAt(value, ['budget'], { amount: '1.234', currency: 'EUR' })
    const draft = {
      ...draftIdentity(
        schema,
        'did:key:z6MkhSSYDKt9SjQTMaETqBiRp6x6a9wr7woSJanu19TSuQ9y',
        new Date(),
      ),
      ...recordOf(value as Record<string, unknown>),
    }
    const result = validateRecord(draft)
    expect(result.ok).toBe(false)
    const problems = result.ok ? [] : writersProblems(result.problems)
    const placed = placeProblems(problems, fieldPointers(fields, value))
    expect([...placed.byField.keys()].sort()).toEqual(['/budget/amount', '/status'])
    expect(placed.byField.get('/status')?.[0]?.message.nl).toBe(
      'moet een van idea (Idee), pilot (Pilot), scaled (Opgeschaald), ended (Beëindigd) zijn',
    )
    const other = placeProblems(
      [
        { path: '/title', code: 'title-missing-language', message: { nl: 'x', en: 'x' } },
        { path: '/places/3/name', code: 'required', message: { nl: 'x', en: 'x' } },
        { path: '', code: 'x', message: { nl: 'x', en: 'x' } },
      ],
      fieldPointers(fields, value),
    )
    expect([...other.byField.keys()]).toEqual(['/title', '/places'])
    expect(other.unplaced).toHaveLength(1)
  })

  it('shows one message for a malformed amount, not the checks across fields computed from it', () => {
    const schema = schemaOf('practice')
    const fields = formFields(schema)
    let value: unknown = initialValue('practice', schema, ['nl'])
    value = setAt(value, ['title', 'nl'], 'x')
    value = setAt(value, ['status'], 'pilot')
    value = setAt(value, ['budget'], { amount: '480.000,50', currency: 'EUR' })
    value = setAt(
      value,
      ['funding'],
      [{ source: 'eu', contribution: { amount: '900000', currency: 'EUR' } }],
    )
    const draft = {
      ...draftIdentity(
        schema,
        'did:key:z6MkhSSYDKt9SjQTMaETqBiRp6x6a9wr7woSJanu19TSuQ9y',
        new Date(),
      ),
      ...recordOf(value as Record<string, unknown>),
    }
    const result = validateRecord(draft)
    const problems = result.ok ? [] : writersProblems(result.problems)
    const placed = placeProblems(problems, fieldPointers(fields, value))
    const all = [...placed.byField.values(), placed.unplaced].flat()
    expect(all.map((p) => p.code)).toEqual(['invalid_format:amount'])
  })
})
