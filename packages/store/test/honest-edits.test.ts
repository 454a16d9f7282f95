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

  it('holds between publishes that share a group commit, each refused or not on its own', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publish(practice(1))
    const editedOnce = await store.publish(practice(5))
    const refuse = { refuseDuplicates: true }
    // called in one turn: one batch of the writer, in this order
    const answers = await Promise.allSettled([
      store.publishMany([practice(2)], refuse),
      store.publishMany([practice(2)], refuse), // the same as the one before it in the batch
      store.publishMany([practice(1)], refuse), // the same as a committed record
      store.retract(first.id, { en: 'gone' }),
      store.publishMany([practice(1)], refuse), // its twin was retracted just before
      store.update(editedOnce.id, { status: 'scaled' }),
      store.publishMany([practice(5)], refuse), // its twin was edited just before
      store.update(editedOnce.id, { status: 'scaled' }), // no change after the edit before
      store.publishMany([practice(3)], refuse),
    ])
    expect(answers.map(({ status }) => status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ])
    const reason = (i: number) => (answers[i] as PromiseRejectedResult).reason
    const [twin] = (answers[0] as PromiseFulfilledResult<{ id: string }[]>).value
    expect(reason(1)).toBeInstanceOf(DuplicateRecordError)
    expect(reason(1).problems[0].message.en).toBe(
      `says the same as record ${twin?.id} of this organisation`,
    )
    expect(reason(2).problems[0].message.en).toBe(
      `says the same as record ${first.id} of this organisation`,
    )
    expect(reason(7)).toBeInstanceOf(NoChangeError)
    // the ones accepted share one entry, after the two of the first publishes
    let entries = 0
    for await (const _entry of store.log(store.did)?.traverse() ?? []) entries++
    expect(entries).toBe(3)
    expect(store.count()).toBe(5) // live ones: the first was retracted
  })
})
