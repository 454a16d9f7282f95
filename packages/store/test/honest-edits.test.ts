import type { NewRecord } from '@polder/schema'
import { RecordValidationError } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { DuplicateRecordError, NoChangeError } from '../src/errors.js'
import { openStore, practice, tempDir } from '../src/testing.js'

describe('edits that would mislead', () => {
  it('refuses an edit that changes nothing, and makes no version', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const record = await store.publish(practice(1))
    const err = await store.update(record.id, { title: record.title }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NoChangeError)
    await expect(store.update(record.id, {})).rejects.toThrow(NoChangeError)
    expect(store.history(record.id)).toHaveLength(1)
    // a real change still makes version 2
    const edited = await store.update(record.id, { status: 'scaled' })
    expect(edited.version).toBe(2)
  })

  it('refuses a change of kind or id with the reason, and makes no version', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const record = await store.publish(practice(1))
    const err = await store
      .update(record.id, { kind: 'lesson', id: '01JD0000000000000000000009' } as never)
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RecordValidationError)
    const problems = (err as RecordValidationError).problems
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/kind', 'immutable'],
      ['/id', 'immutable'],
    ])
    expect(problems[0]?.message.en).toContain('the kind of a record cannot change')
    expect(problems[0]?.message.nl).toContain('het soort record kan niet veranderen')
    expect(store.history(record.id)).toHaveLength(1)
    // the same values, as in an edited copy of the record, are no change of them
    const same = await store.update(record.id, {
      kind: 'practice',
      id: record.id,
      version: record.version,
      status: 'ended',
    } as never)
    expect(same).toMatchObject({ version: 2, status: 'ended' })
  })
})

describe('publishing the same content again', () => {
  it('is refused when asked, naming the record it equals; allowed otherwise', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publish(practice(1))
    const err = await store
      .publishMany([practice(1)], { refuseDuplicates: true })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DuplicateRecordError)
    expect((err as DuplicateRecordError).problems[0]?.message.en).toBe(
      `says the same as record ${first.id} of this organisation`,
    )
    expect(store.count()).toBe(1)
    // forced (the default of the store), it is a second record
    await store.publishMany([practice(1)])
    expect(store.count()).toBe(2)
  })

  it('names every repeated record of a bulk: of the organisation and within the bulk', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publish(practice(1))
    const err = await store
      .publishMany([practice(2), practice(1), practice(3), practice(2)], { refuseDuplicates: true })
      .catch((e: unknown) => e)
    expect((err as DuplicateRecordError).problems.map((p) => [p.path, p.message.en])).toEqual([
      ['/1', `record 1 says the same as record ${first.id} of this organisation`],
      ['/3', 'record 3 says the same as record 0 of this publish'],
    ])
    expect(store.count()).toBe(1)
  })

  it('follows edits and retractions of the organisation’s records', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publish(practice(1))
    await expect(store.publishMany([practice(1)], { refuseDuplicates: true })).rejects.toThrow(
      DuplicateRecordError,
    )
    // once edited, the old content is no longer there
    await store.update(first.id, { status: 'scaled' })
    await store.publishMany([practice(1)], { refuseDuplicates: true })
    // practice() is typed as a record of any kind; this one is a practice, scaled
    const edited = { ...practice(1), status: 'scaled' } as NewRecord
    await expect(store.publishMany([edited], { refuseDuplicates: true })).rejects.toThrow(
      DuplicateRecordError,
    )
    await store.retract(first.id, { nl: 'weg' })
    await store.publishMany([edited], { refuseDuplicates: true })
    expect(store.count()).toBe(2)
  })
})
