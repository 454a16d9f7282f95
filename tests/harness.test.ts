/**
 * The harness says why a test lost its node: a node process that dies by itself is reported
 * with its exit and last output (not only as a later "fetch failed"), and `waitFor`'s
 * failure names the reason a fetch failed.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TestNode, waitFor } from '@polder/testnet'
import { afterEach, describe, expect, it, vi } from 'vitest'

describe('the test harness on a node that is gone', () => {
  let home: string | undefined
  afterEach(async () => {
    vi.restoreAllMocks()
    if (home !== undefined) await rm(home, { recursive: true, force: true })
  })

  it('reports a node that exits by itself, not one it stops, and names why fetch failed', async () => {
    home = await mkdtemp(join(tmpdir(), 'polder-harness-'))
    const written: string[] = []
    const write = process.stderr.write.bind(process.stderr)
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
      written.push(String(chunk))
      return write(chunk, ...(rest as []))
    })
    const node = new TestNode('harnessed', home)
    await node.start()
    await node.stop()
    await node.start()
    expect(written.filter((line) => line.includes('exited by itself'))).toEqual([])

    process.kill(node.pid, 'SIGKILL')
    const report = await waitFor(() => written.find((line) => line.includes('exited by itself')), {
      what: 'the harness to report the killed node',
    })
    expect(report).toMatch(/^harnessed \(pid \d+\) exited by itself: code null, signal SIGKILL/)
    expect(report).toContain('Polder node started')

    const failure = await waitFor(async () => (await fetch(`${node.url}/health`)).ok, {
      what: 'a dead node to answer',
      timeoutMs: 200,
    }).catch((error: Error) => error.message)
    expect(failure).toMatch(/fetch failed \(.*ECONNREFUSED/)
  })
})
