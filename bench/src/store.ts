/** The store's figures: publish throughput, reopening a large store. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadOrCreateKey, Store } from '@polder/store'
import { fixtureTexts, practice, variedPractice } from './records.ts'

export async function tempHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'polder-bench-'))
}

async function open(home: string): Promise<Store> {
  const { key } = await loadOrCreateKey(home)
  return Store.open({ home, key })
}

/** Records/s publishing one at a time, each awaited before the next. */
export async function publishOneByOne(count: number): Promise<number> {
  const home = await tempHome()
  try {
    return (await fillOneByOne(home, count)).perSecond
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** Publishes `count` records one by one (one log entry each) into the store at `home`. */
export async function fillOneByOne(home: string, count: number): Promise<{ perSecond: number }> {
  const store = await open(home)
  try {
    await store.publish(practice(0)) // warm up
    const start = performance.now()
    for (let i = 1; i < count; i++) await store.publish(practice(i))
    return { perSecond: ((count - 1) / (performance.now() - start)) * 1000 }
  } finally {
    await store.stop()
  }
}

/** Records/s with `publishMany`, and the home it filled (for the reopen figures). */
export async function publishBulk(count: number): Promise<{ perSecond: number; home: string }> {
  const home = await tempHome()
  const store = await open(home)
  try {
    const texts = fixtureTexts()
    const records = Array.from({ length: count }, (_, i) => variedPractice(i, texts))
    const start = performance.now()
    await store.publishMany(records)
    return { perSecond: (count / (performance.now() - start)) * 1000, home }
  } finally {
    await store.stop()
  }
}

/** Milliseconds from opening a filled store to its first read (in this process). */
export async function reopenToFirstRead(home: string, expected: number): Promise<number> {
  const start = performance.now()
  const store = await open(home)
  try {
    const [first] = store.list({ limit: 1 })
    if (first === undefined || store.count() !== expected) throw new Error('the store lost records')
    store.get(first.id)
    return performance.now() - start
  } finally {
    await store.stop()
  }
}
