/**
 * Sets up the organisation's profile for `polder init` and `polder start`: asks on a
 * terminal when there is none, applies the flags, and publishes it — into the store when
 * no node runs on the home, else through the running node's API.
 */
import { createInterface } from 'node:readline/promises'
import type { PolderRecord } from '@polder/schema'
import { Store } from '@polder/store'
import { latestProfile } from '@polder/sync/local'
import { connectToNode } from './client.js'
import { initHome } from './home.js'
import { lockHome, runningNode } from './home-lock.js'
import {
  checkProfile,
  hasAnswers,
  newProfile,
  orgTypeOf,
  type ProfileAnswers,
  profileFields,
  TYPE_LIST,
} from './profile.js'

export interface ProfileResult {
  /** The profile as it stands, if there is one. */
  readonly record: PolderRecord | undefined
  /** What this call did. */
  readonly action: 'published' | 'updated' | 'unchanged' | 'none'
}

/** Where the profile is read and written: the store, or the running node. */
interface ProfileTarget {
  current(): Promise<PolderRecord | undefined>
  publish(input: Record<string, unknown>): Promise<PolderRecord>
  update(id: string, changes: Record<string, unknown>): Promise<PolderRecord | undefined>
}

/** Lines typed (or typed ahead, or piped) in answer to the questions. */
interface Answers {
  /** The next answer, trimmed; undefined once input ended (Ctrl+D). */
  next(question: string): Promise<string | undefined>
  close(): void
}

function answersOf(): Answers {
  const lines = createInterface({
    input: process.stdin,
    output: process.stderr,
    terminal: process.stdin.isTTY === true,
  })
  // the iterator buffers lines typed ahead, which `question` would drop
  const iterator = lines[Symbol.asyncIterator]()
  return {
    next: async (question) => {
      lines.setPrompt(question)
      lines.prompt()
      const { value, done } = await iterator.next()
      return done === true ? undefined : String(value).trim()
    },
    close: () => lines.close(),
  }
}

/** Asks one question until `check` accepts the answer (an empty answer is returned as is). */
async function ask(
  answers: Answers,
  question: string,
  check: (answer: string) => string | undefined = () => undefined,
  options: { required?: string } = {},
): Promise<string> {
  for (;;) {
    const answer = await answers.next(question)
    if (answer === undefined) return '' // input ended
    const problem = answer === '' ? (options.required ?? undefined) : check(answer)
    if (problem === undefined) return answer
    process.stderr.write(`  ${problem}\n`)
  }
}

/** The profile's questions, on standard error so that stdout stays the command's answer. */
export async function askProfile(): Promise<ProfileAnswers> {
  const lines = answersOf()
  try {
    process.stderr.write(
      'Your organisation’s profile, shown to every node (Enter skips a question; change it ' +
        'later with polder init --name …).\n',
    )
    const name = await ask(lines, 'Name (Naam): ')
    if (name === '') return {}
    process.stderr.write(TYPE_LIST.map((type, i) => `  ${i + 1}. ${type}\n`).join(''))
    const type = await ask(
      lines,
      'Type (number or code): ',
      (answer) =>
        orgTypeOf(answer) === undefined ? `not one of the types above: ${answer}` : undefined,
      { required: 'a profile needs the type (Ctrl+C stops without one)' },
    )
    if (type === '') return {}
    const field = (flag: keyof ProfileAnswers) => (answer: string) => {
      try {
        checkProfile({
          kind: 'organization',
          languages: ['nl'],
          title: { nl: name },
          orgType: 'municipality',
          ...profileFields({ [flag]: answer }),
        })
        return undefined
      } catch (err) {
        return (err as Error).message
      }
    }
    const municipality = await ask(
      lines,
      'Municipality or place (Gemeente of plaats): ',
      field('municipality'),
    )
    const website = await ask(lines, 'Website (https://…): ', field('website'))
    const contact = await ask(lines, 'Contact e-mail: ', field('contact'))
    return { name, type, municipality, website, contact }
  } finally {
    lines.close()
  }
}

/** The store of a home no node runs on; its lock held while it is open. */
async function withStore<T>(home: string, use: (target: ProfileTarget) => Promise<T>): Promise<T> {
  const lock = await lockHome(home)
  try {
    const { key } = await initHome(home)
    const store = await Store.open({ home, key })
    try {
      return await use({
        current: async () => latestProfile(store, store.did) as PolderRecord | undefined,
        publish: (input) => store.publish(input as never),
        update: async (id, changes) => {
          try {
            return await store.update(id, changes)
          } catch (err) {
            if ((err as Error).name === 'NoChangeError') return undefined
            throw err
          }
        },
      })
    } finally {
      await store.stop()
    }
  } finally {
    await lock.release()
  }
}

/** The running node of a home, through its API. */
async function withNode<T>(home: string, use: (target: ProfileTarget) => Promise<T>): Promise<T> {
  const { api } = await connectToNode(home)
  return use({
    current: async () => {
      const { records } = await api.listRecords({ query: { kind: 'organization', limit: '100' } })
      return records.sort((a, b) => (a.updated < b.updated ? 1 : -1))[0] as PolderRecord | undefined
    },
    publish: async (input) => (await api.publishRecords({ body: input as never })) as PolderRecord,
    update: async (id, changes) => {
      try {
        return (await api.editRecord({ params: { id }, body: changes })) as PolderRecord
      } catch (err) {
        if ((err as { status?: number }).status === 409) return undefined
        throw err
      }
    },
  })
}

/**
 * Applies `answers` to the profile of `home` (publishing it when there is none); with no
 * answers and no profile, asks on a terminal when `interactive`.
 */
export async function setUpProfile(
  home: string,
  answers: ProfileAnswers,
  options: { readonly interactive: boolean },
): Promise<ProfileResult> {
  const through = (await runningNode(home)) === undefined ? withStore : withNode
  return through(home, async (target) => {
    const current = await target.current()
    let given = answers
    if (!hasAnswers(answers)) {
      if (current !== undefined || !options.interactive) return { record: current, action: 'none' }
      given = await askProfile()
      if (!hasAnswers(given)) return { record: undefined, action: 'none' }
    }
    if (current === undefined) {
      return { record: await target.publish(newProfile(given)), action: 'published' }
    }
    const changes = profileFields(given)
    checkProfile({ ...current, ...changes })
    const updated = await target.update(current.id, changes)
    return updated === undefined
      ? { record: current, action: 'unchanged' }
      : { record: updated, action: 'updated' }
  })
}
