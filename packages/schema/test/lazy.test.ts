/**
 * The record model builds its zod schemas on first use: a restart loads this package and
 * answers its API before it validates any record, and building every kind's schema at
 * load was the largest item of its main thread.
 */
import { describe, expect, it } from 'vitest'
import { watchSchemaBuilds } from '../src/testing.js'

describe('the record schemas', () => {
  it('are not built when the package loads; each kind at its first use, once', async () => {
    const built = watchSchemaBuilds()
    const model = await import('../src/index.js')
    // recordSchema and tombstoneSchema: wrappers that build theirs when first used
    expect(built).toEqual(['lazy', 'lazy'])

    const lesson = model.KIND_SCHEMAS.lesson
    expect(built).toContain('object')
    const afterLesson = built.length
    expect(model.KIND_SCHEMAS.lesson).toBe(lesson)
    expect(built.length).toBe(afterLesson)

    const record = model.createRecord(
      {
        kind: 'practice',
        languages: ['nl'],
        title: { nl: 'Slimme lantaarnpalen' },
        status: 'pilot',
      },
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    )
    expect(model.validateRecord(record).ok).toBe(true)
    const afterValidation = built.length
    expect(model.validateRecord(record).ok).toBe(true)
    expect(model.recordSchema.safeParse(record).success).toBe(true)
    expect(built.length).toBe(afterValidation)
  })
})
