import { generateKeyPair } from '@libp2p/crypto/keys'
import { formatRef, type NewRecord, RecordValidationError } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { orgKeyOf } from '../src/keys.js'
import { openStore, practice, tempDir } from '../src/testing.js'

const question: NewRecord = {
  kind: 'question',
  languages: ['nl', 'en'],
  title: { nl: 'Hoe houden we wijken koel?', en: 'How do we keep neighbourhoods cool?' },
  status: 'open',
  urgency: 'high',
  themes: ['climate-adaptation'],
}

const endorsement = (target: string): NewRecord => ({
  kind: 'endorsement',
  languages: ['nl'],
  title: { nl: 'Die vraag hebben wij ook' },
  relations: [{ type: 'endorses', target }],
})

/** The problems a rejected write names, as `path code`. */
async function problemsOf(write: Promise<unknown>): Promise<string[]> {
  const error = await write.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(error).toBeInstanceOf(RecordValidationError)
  const problems = (error as RecordValidationError).problems
  for (const problem of problems) {
    expect(problem.message.nl.length).toBeGreaterThan(0)
    expect(problem.message.en.length).toBeGreaterThan(0)
  }
  return problems.map((p) => `${p.path} ${p.code}`)
}

describe('relations checked against their targets', () => {
  it('lets a finding answer a question and another organisation endorse it once', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const other = orgKeyOf(await generateKeyPair('Ed25519'))
    await store.addWritableLog(other)
    const [asked] = await store.publishManyAs(other.did, [question])
    const ref = formatRef(asked as { author: string; id: string })

    const answer = await store.publish({
      ...practice(1),
      relations: [{ type: 'answers', target: ref }],
    })
    const endorsed = await store.publish(endorsement(ref))
    expect(
      store
        .relatedTo(ref)
        .map((r) => r.type)
        .sort(),
    ).toEqual(['answers', 'endorses'])

    // twice by the same organisation: refused, at the field, nothing written
    const before = store.count()
    expect(await problemsOf(store.publish(endorsement(ref)))).toEqual([
      '/relations/0/target endorsed-twice',
    ])
    expect(store.count()).toBe(before)
    // editing the endorsement itself is not endorsing twice
    await expect(
      store.update(endorsed.id, { summary: { nl: 'Ook in onze wijken' } }),
    ).resolves.toMatchObject({ version: 2 })
    // within one bulk, the second of two endorsements of the same question is refused
    const [second] = await store.publishManyAs(other.did, [
      { ...question, title: { nl: 'B', en: 'B' } },
    ])
    const ref2 = formatRef(second as { author: string; id: string })
    expect(await problemsOf(store.publishMany([endorsement(ref2), endorsement(ref2)]))).toEqual([
      '/0/relations/0/target endorsed-twice',
    ])
    expect(answer.relations[0]?.target).toBe(ref)
  })

  it('refuses answers to something that is not a question, or from a kind that does not answer', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const target = await store.publish(practice(1))
    const notQuestion = formatRef(target)
    expect(
      await problemsOf(
        store.publish({ ...practice(2), relations: [{ type: 'answers', target: notQuestion }] }),
      ),
    ).toEqual(['/relations/0/target answers-not-a-question'])
    const unknown = `polder://${store.did}/01JZZZZZZZZZZZZZZZZZZZZZZZ`
    expect(
      await problemsOf(
        store.publish({ ...practice(3), relations: [{ type: 'answers', target: unknown }] }),
      ),
    ).toEqual(['/relations/0/target answers-unknown-question'])
    // an edit that adds such a relation is refused too, and the record stays as it was
    expect(
      await problemsOf(
        store.update(target.id, { relations: [{ type: 'answers', target: unknown }] }),
      ),
    ).toEqual(['/relations/0/target answers-unknown-question'])
    expect(store.get(target.id)).toMatchObject({ version: 1 })
    // a question asked in the same bulk may be answered in it
    const [asked, answered] = await store.publishMany([
      { ...question, id: '01JZZZZZZZZZZZZZZZZZZZZZZY' },
      {
        ...practice(4),
        relations: [
          { type: 'answers', target: `polder://${store.did}/01JZZZZZZZZZZZZZZZZZZZZZZY` },
        ],
      },
    ])
    expect(answered?.relations[0]?.target).toBe(formatRef(asked as { author: string; id: string }))
    const lesson: NewRecord = {
      kind: 'lesson',
      languages: ['nl'],
      title: { nl: 'Les' },
      relations: [
        { type: 'lessonOf', target: notQuestion },
        { type: 'answers', target: formatRef(asked as { author: string; id: string }) },
      ],
    }
    expect(await problemsOf(store.publish(lesson))).toEqual([
      '/relations/1/type answers-wrong-kind',
    ])
  })

  it('refuses endorsing one’s own question, a non-question, or two questions at once', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const own = await store.publish(question)
    expect(await problemsOf(store.publish(endorsement(formatRef(own))))).toEqual([
      '/relations/0/target endorse-own-question',
    ])
    const other = orgKeyOf(await generateKeyPair('Ed25519'))
    await store.addWritableLog(other)
    const [work, q1, q2] = await store.publishManyAs(other.did, [practice(1), question, question])
    const refOf = (r: unknown) => formatRef(r as { author: string; id: string })
    expect(await problemsOf(store.publish(endorsement(refOf(work))))).toEqual([
      '/relations/0/target endorses-not-a-question',
    ])
    expect(
      await problemsOf(
        store.publish({
          ...endorsement(refOf(q1)),
          relations: [
            { type: 'endorses', target: refOf(q1) },
            { type: 'endorses', target: refOf(q2) },
          ],
        }),
      ),
    ).toEqual(['/relations/1 endorsement-one-question'])
  })
})
