/**
 * A member running modified software: it writes records into its own log that its node's
 * publish would refuse (more live vouches than any organisation may have), validly
 * signed with its own key. Followers must take such a log as it is (a signed log cannot
 * skip entries) and bound what it does to them.
 */
import { createRecordId, SCHEMA_VERSION } from '@polder/schema'
import { loadKey, Store } from '@polder/store'
import type { TestNode } from './test-node.js'

/**
 * Appends `records` (drafts: kind, languages, title, …) to the stopped node's own log,
 * past the checks of publish. Start the node afterwards to serve them.
 */
export async function writePastPublishChecks(
  node: TestNode,
  records: readonly Record<string, unknown>[],
): Promise<void> {
  if (node.running) throw new Error(`Stop ${node.name} before writing its log from outside`)
  const key = await loadKey(node.home)
  if (key === undefined) throw new Error(`${node.name} has no key yet: start it once first`)
  const store = await Store.open({ home: node.home, key })
  try {
    const now = Date.now()
    const states = records.map((record, index) => {
      const stamp = new Date(now + index).toISOString()
      return {
        ...record,
        id: createRecordId(now + index),
        schemaVersion: SCHEMA_VERSION,
        author: key.did,
        created: stamp,
        updated: stamp,
        version: 1,
      }
    })
    await store.importStates(key.did, states)
  } finally {
    await store.stop()
  }
}
