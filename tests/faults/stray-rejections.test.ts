/**
 * A promise rejected with no handler in a running node is logged and counted, and the node
 * goes on serving: Node.js's default would end the process (and take a member offline). The
 * rejection comes from a module the real node process loads first (`--import`), on a signal
 * the test sends, so the node's own code is untouched.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { TestNode, waitFor } from '@polder/testnet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// each SIGUSR2 makes `count` promises reject with nothing to handle them
const REJECTER = `
let round = 0
process.on('SIGUSR2', () => {
  round += 1
  const count = Number(process.env.STRAY_REJECTIONS ?? 1)
  for (let i = 0; i < count; i += 1) Promise.reject(new Error('stray rejection ' + round + '.' + i))
})
`

/** `LOGGED_PER_WINDOW` in node/src/stray-rejections.ts: lines logged in a minute */
const LOGGED_PER_WINDOW = 10

let dir: string
let node: TestNode

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-stray-'))
  const rejecter = join(dir, 'rejecter.mjs')
  await writeFile(rejecter, REJECTER)
  node = new TestNode('stray', join(dir, 'home'), {
    env: {
      NODE_OPTIONS: `--import ${pathToFileURL(rejecter).href}`,
      STRAY_REJECTIONS: String(LOGGED_PER_WINDOW + 5),
    },
  })
  await node.start()
}, 60_000)

afterAll(async () => {
  await node?.stop()
  await rm(dir, { recursive: true, force: true })
})

const strayCount = async (): Promise<number> => {
  const text = await (await fetch(`${node.url}/metrics`)).text()
  const line = /^polder_unhandled_rejections (\d+)$/m.exec(text)
  if (line === null) throw new Error('no polder_unhandled_rejections at /metrics')
  return Number(line[1])
}

describe('an unhandled rejection in a running node', () => {
  it('is logged and counted, and the node goes on serving', async () => {
    expect(await strayCount()).toBe(0)
    const logs = () => node.output.split('\n').filter((line) => line.includes('stray rejection'))
    process.kill(node.pid, 'SIGUSR2')
    await waitFor(() => logs().length >= LOGGED_PER_WINDOW, {
      what: 'the rejections in the log',
    })
    expect(node.running).toBe(true)
    const first = JSON.parse(logs()[0] ?? '{}') as {
      level: number
      msg: string
      err?: { message: string }
    }
    expect(first.level).toBe(50) // pino's error
    expect(first.msg).toContain('unhandled promise rejection')
    expect(first.err?.message).toBe('stray rejection 1.0')

    // every one counted; the storm's tail is left out of the log
    await waitFor(async () => (await strayCount()) === LOGGED_PER_WINDOW + 5, {
      what: 'all rejections counted',
    })
    expect(logs()).toHaveLength(LOGGED_PER_WINDOW)

    // still a working node: it answers and takes a record
    const status = await node.client.getStatus()
    expect(status.did).toBe(node.did)
    const published = await node.publish([
      {
        kind: 'practice',
        languages: ['nl'],
        title: { nl: 'Een node die doorgaat' },
        status: 'pilot',
      },
    ])
    expect(published).toHaveLength(1)
  })
})
