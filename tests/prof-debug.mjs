import { randomBytes } from 'node:crypto'
import { didFromEd25519PublicKey } from '@polder/schema'
import { TestNetwork, waitFor } from '@polder/testnet'

const network = await TestNetwork.create({
  nodes: 2,
  follow: [[0, 1]],
  node: (i) => (i === 0 ? { env: { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof' } } : {}),
})
const [f, m] = network.nodes
const t0 = Date.now()
await m.publish(
  Array.from({ length: 10000 }, (_, n) => ({
    kind: 'vouch',
    languages: ['nl'],
    title: { nl: 'O ' + n },
    subject: didFromEd25519PublicKey(randomBytes(32)),
  })),
)
console.log('published', Date.now() - t0)
await waitFor(async () => (await f.count(m.did)) === 10000, { timeoutMs: 120000 })
console.log('replicated', Date.now() - t0)
await network[Symbol.asyncDispose]()
