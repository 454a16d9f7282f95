/**
 * The state file's check at start (`PRAGMA quick_check`, every page read: ~1 ms a MiB)
 * on a worker thread, so that a node can run it on one core while it loads its modules on
 * the other, then open the store without checking again (`StoreInit.stateChecked`).
 * A file exactly as the last clean stop left it, after a full check less than a day before,
 * is not read again (`clean-stop.ts`). Light on purpose (`@polder/store/integrity`):
 * importing it loads neither OrbitDB nor the rest of the store.
 *
 * @example
 * const checking = checkStateFile(home) // at once, then load the rest
 * const { checkedAt } = await checking // a StateFileCorruptError when the file is damaged
 * const store = await Store.open({ home, key, stateChecked: true, checkedAt })
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { takeCleanStop } from './clean-stop.js'
import { STATE_FILE } from './constants.js'
import { StateFileCorruptError } from './errors.js'
import { storageError } from './sqlite.js'

/**
 * Plain JavaScript for an eval'd worker (it runs the same from src and dist). The check
 * only reads; its connection is opened and closed as the store's own was when it checked
 * inline, so a damaged file is left exactly as it was (a read-only connection would leave
 * an empty -wal and -shm beside it). It reads with read calls, not through a memory map:
 * a map saved ~25 % of the check's CPU (on its worker, not the main thread), but a disk's
 * read error (EIO) under a map ends the whole process with SIGBUS instead of a storage
 * error naming the file. It answers once its connection is closed: the last connection to close checkpoints the
 * WAL, and the store opening meanwhile would find the file locked.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { DatabaseSync } = require('node:sqlite')
let db
let answer
try {
  db = new DatabaseSync(workerData.path)
  const { quick_check } = db.prepare('PRAGMA quick_check(1)').get()
  answer = { ok: quick_check === 'ok' }
} catch (err) {
  answer = { error: { message: String(err?.message), errcode: err?.errcode, code: err?.code } }
}
db?.close()
parentPort.postMessage(answer)
`

export { CLEAN_STOP_FILE, FULL_CHECK_MAX_AGE_MS } from './clean-stop.js'

interface CheckAnswer {
  readonly ok?: boolean
  readonly error?: { message: string; errcode?: number; code?: string }
}

/** A state file found whole. */
export interface StateCheck {
  /** When it last passed a full check, ms since the epoch (for `StoreInit.checkedAt`). */
  readonly checkedAt: number
  /** Whether it was read now (false: absent, or as a clean stop after a recent check left it). */
  readonly read: boolean
}

/**
 * Checks the state file of `home` on a worker thread: resolves when it is whole (or absent:
 * nothing to check; or unchanged since a clean stop after a recent check), rejects with a
 * {@link StateFileCorruptError} when it is damaged. An aborted check stops its worker and
 * rejects with the signal's reason.
 */
export function checkStateFile(
  home: string,
  options: { signal?: AbortSignal } = {},
): Promise<StateCheck> {
  const { signal } = options
  if (signal?.aborted === true) return Promise.reject(signal.reason)
  const path = join(home, STATE_FILE)
  const now = Date.now()
  if (!existsSync(path)) return Promise.resolve({ checkedAt: now, read: false })
  const checkedAt = takeCleanStop(home, now)
  if (checkedAt !== undefined) return Promise.resolve({ checkedAt, read: false })
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } })
    let answered = false
    const abort = () => {
      answered = true
      void worker.terminate()
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', abort, { once: true })
    worker.once('exit', () => signal?.removeEventListener('abort', abort))
    worker.once('message', (answer: CheckAnswer) => {
      answered = true
      if (answer.ok === true) resolve({ checkedAt: now, read: true })
      else if (answer.error === undefined) reject(new StateFileCorruptError(path))
      else {
        const { message, ...codes } = answer.error
        reject(storageError(Object.assign(new Error(message), codes), path))
      }
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the state file check exited with ${code} before answering`))
    })
  })
}
