/**
 * Checks the signatures of many log entries on a worker thread, so that a bulk join
 * verifies on one core while it decodes and validates records on the other. Ed25519
 * verification is the largest single cost of a join (~0.1 ms an entry on a small server).
 * The worker decodes each entry block, re-encodes the signed fields as OrbitDB signs them
 * and verifies the signature against the key the entry names; the caller still checks
 * that this key is the organisation's.
 */
import { Worker } from 'node:worker_threads'

// plain JavaScript for an eval'd worker: it runs the same from src (tests) and dist
const workerSource = (cborUrl: string) => `
const { parentPort } = require('node:worker_threads')
const { createPublicKey, verify } = require('node:crypto')
const cbor = import(${JSON.stringify(cborUrl)})
const keys = new Map()
function keyOf(hex) {
  let key = keys.get(hex)
  if (key === undefined) {
    const x = Buffer.from(hex, 'hex').toString('base64url')
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
    keys.set(hex, key)
  }
  return key
}
parentPort.on('message', async ({ id, blocks }) => {
  const { decode, encode } = await cbor
  const results = blocks.map((bytes) => {
    try {
      const e = decode(bytes)
      if (typeof e.key !== 'string' || !/^[0-9a-f]{64}$/.test(e.key)) return false
      if (typeof e.sig !== 'string' || !/^[0-9a-f]{128}$/.test(e.sig)) return false
      const signed = encode({ id: e.id, payload: e.payload, next: e.next, refs: e.refs, clock: e.clock, v: e.v })
      return verify(null, signed, keyOf(e.key), Buffer.from(e.sig, 'hex'))
    } catch {
      return false
    }
  })
  parentPort.postMessage({ id, results })
})
`

export class SignaturePool {
  #worker: Worker | undefined
  #next = 0
  readonly #pending = new Map<
    number,
    { resolve: (results: boolean[]) => void; reject: (err: Error) => void }
  >()

  /** Whether each entry block's signature verifies against the key it names. */
  verify(blocks: readonly Uint8Array[]): Promise<boolean[]> {
    const worker = this.#start()
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.postMessage({ id, blocks })
    })
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker
    const worker = new Worker(workerSource(import.meta.resolve('@ipld/dag-cbor')), { eval: true })
    worker.unref()
    worker.on('message', ({ id, results }: { id: number; results: boolean[] }) => {
      this.#pending.get(id)?.resolve(results)
      this.#pending.delete(id)
    })
    const fail = (err: Error) => {
      for (const { reject } of this.#pending.values()) reject(err)
      this.#pending.clear()
      this.#worker = undefined
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`the signature worker exited with ${code}`)))
    this.#worker = worker
    return worker
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    await worker?.terminate()
  }
}
