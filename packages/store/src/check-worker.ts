/**
 * A worker of the check pool: checks the entry blocks it is sent ({@link checkEntryBlock})
 * and answers with what it found, in order.
 */
import { parentPort } from 'node:worker_threads'
import { checkEntryBlock } from './entry-check.js'

export interface CheckJob {
  readonly id: number
  readonly did: string
  readonly blocks: readonly Uint8Array[]
}

parentPort?.on('message', ({ id, did, blocks }: CheckJob) => {
  try {
    parentPort?.postMessage({ id, results: blocks.map((bytes) => checkEntryBlock(bytes, did)) })
  } catch (err) {
    parentPort?.postMessage({ id, error: (err as Error).message })
  }
})
