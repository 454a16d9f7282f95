/**
 * Waits until a node's search index is ready: a node started on a home made outside it
 * (a store filled by the bench) indexes every record in the background first, which would
 * be counted in a sync figure that starts at once (1.5 s of the holder's CPU for 20,000
 * records, on the cores the follower needs).
 */
import type { TestNode } from '@polder/testnet'

export async function searchReady(node: TestNode, timeoutMs = 300_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while ((await node.client.getSearchStatus()).state !== 'ready') {
    if (performance.now() > deadline) throw new Error('the search index was not ready in time')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
