/**
 * Cold sync of many organisations: a node holding the logs of `orgs` organisations
 * (`perOrg` records each, published in bulk) and a fresh node that follows them all;
 * timed from the first follow until every record is applied. Real node processes of the
 * test network on 127.0.0.1; the organisations' own nodes are offline, so everything
 * comes from the one peer that holds their logs.
 */
import { cp, rm } from 'node:fs/promises'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { loadOrCreateKey, orgKeyOf, Store } from '@polder/store'
import { TestNetwork, type TestNode } from '@polder/testnet'
import { profileEnv } from './cold-sync.ts'
import { type CpuSplit, countCpu } from './process-cpu.ts'
import { practice } from './records.ts'
import { searchReady } from './search-ready.ts'
import { tempHome } from './store.ts'

/** A node's home holding `orgs` other organisations' logs, which it serves as a follower. */
export async function holderOf(
  orgs: number,
  perOrg: number,
): Promise<{ home: string; dids: string[] }> {
  const home = await tempHome()
  const store = await Store.open({ home, key: (await loadOrCreateKey(home)).key })
  const dids: string[] = []
  try {
    for (let o = 0; o < orgs; o++) {
      const key = orgKeyOf(await generateKeyPair('Ed25519'))
      await store.addWritableLog(key)
      await store.publishManyAs(
        key.did,
        Array.from({ length: perOrg }, (_, i) => practice(o * perOrg + i)),
      )
      // held as a followed log from now on: served to peers after a restart
      await store.follow(key.did)
      dids.push(key.did)
    }
  } finally {
    await store.stop()
  }
  return { home, dids }
}

export interface ColdSyncManyFigures {
  readonly seconds: number
  /** CPU seconds the follower spent (all threads, and its main thread), and the holder. */
  readonly cpu: { readonly follower: CpuSplit; readonly holder: CpuSplit }
}

export async function coldSyncMany(orgs: number, perOrg: number): Promise<ColdSyncManyFigures> {
  const { home, dids } = await holderOf(orgs, perOrg)
  try {
    return await coldSyncManyFrom(home, dids, orgs * perOrg)
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** The cold sync from a copy of a holder's home (left as it was) of `total` records of `dids`. */
export async function coldSyncManyFrom(
  template: string,
  dids: readonly string[],
  total: number,
): Promise<ColdSyncManyFigures> {
  const home = await tempHome()
  try {
    await cp(template, home, { recursive: true })
    const network = await TestNetwork.create({
      nodes: 2,
      topology: [[1, 0]],
      node: (index) => ({
        ...(index === 0 ? { home } : {}),
        env: profileEnv(),
        // a start on a busy machine (load 30) took longer than the default 30 s
        startTimeoutMs: 180_000,
      }),
    })
    try {
      const follower = network.node(1) as TestNode
      const holder = network.node(0) as TestNode
      // the holder's index of the records is built before the clock, as on a node that ran
      await searchReady(holder)
      const followerCpu = await countCpu(follower.pid)
      const holderCpu = await countCpu(holder.pid)
      const start = performance.now()
      for (const did of dids) await follower.follow(did)
      for (;;) {
        const { logs } = await follower.client.getSync()
        if (logs.reduce((sum, log) => sum + log.records, 0) >= total) break
        if (performance.now() - start > 600_000)
          throw new Error('cold sync did not finish in 600 s')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const seconds = (performance.now() - start) / 1000
      return {
        seconds,
        cpu: { follower: await followerCpu.stop(), holder: await holderCpu.stop() },
      }
    } finally {
      await network.dispose()
    }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** `node bench/src/cold-sync-many.ts [orgs] [perOrg] [runs]`: this figure alone. */
if (import.meta.main) {
  const orgs = Number(process.argv[2] ?? 50)
  const perOrg = Number(process.argv[3] ?? 2_000)
  const runs = Number(process.argv[4] ?? 1)
  const { home, dids } = await holderOf(orgs, perOrg)
  try {
    for (let run = 0; run < runs; run++) {
      const figures = await coldSyncManyFrom(home, dids, orgs * perOrg)
      process.stdout.write(`${JSON.stringify({ orgs, perOrg, ...figures })}\n`)
    }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}
