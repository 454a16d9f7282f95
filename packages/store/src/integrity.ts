/**
 * The state file's check at start (`PRAGMA quick_check`, every page read: ~1 ms a MiB)
 * on a worker thread, so that a node can run it on one core while it loads its modules on
 * the other, then open the store without checking again (`StoreInit.stateChecked`).
 * Light on purpose (`@polder/store/integrity`): importing it loads neither OrbitDB nor
 * the rest of the store.
 *
 * @example
 * const checked = checkStateFile(home) // at once, then load the rest
 * await checked // a StateFileCorruptError when the file is damaged
 * const store = await Store.open({ home, key, stateChecked: true })
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
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

interface CheckAnswer {
  readonly ok?: boolean
  readonly error?: { message: string; errcode?: number; code?: string }
}

/**
 * Checks the state file of `home` on a worker thread: resolves when it is whole (or absent:
 * nothing to check), rejects with a {@link StateFileCorruptError} when it is damaged. An
 * aborted check stops its worker and rejects with the signal's reason.
 */
export function checkStateFile(
  home: string,
  options: { signal?: AbortSignal } = {},
): Promise<void> {
  const { signal } = options
  if (signal?.aborted === true) return Promise.reject(signal.reason)
  const path = join(home, STATE_FILE)
  if (!existsSync(path)) return Promise.resolve()
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
      if (answer.ok === true) resolve()
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
