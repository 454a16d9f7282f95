/**
 * Which messages signed with the node's own key prove another machine: the rules that keep
 * a node from taking its own gossip, handed back late (after a restart, or after
 * gossipsub's seen cache forgot it on a loaded machine), for another machine's.
 * The whole detection runs across real processes in tests/collective/one-key-two-machines.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type Epoch,
  KEPT_EPOCHS,
  provesKeyElsewhere,
  recordEpoch,
  STALE_GOSSIP_MS,
} from '../src/key-watch.js'

const started = Date.parse('2026-12-05T12:00:00Z')
/** Gossipsub's number for a message of a process seeded at `ms`: nanoseconds, then +1 each. */
const seqnoOf = (ms: number, nth = 1) => BigInt(ms) * 1_000_000n + BigInt(nth)
/** This process: began 400 ms before its key watch started. */
const current: Epoch = { fromMs: started - 400, toMs: started }
/** The process before a restart, an hour ago. */
const before: Epoch = { fromMs: started - 3_600_400, toMs: started - 3_600_000 }

describe('a message signed with the own key', () => {
  it('proves another machine at once when numbered from after this process started', () => {
    expect(provesKeyElsewhere(seqnoOf(started + 5_000), started + 6_000, started, [current])).toBe(
      true,
    )
  })

  it("is this process's own when numbered from its epoch, however late it comes back", () => {
    const own = seqnoOf(started - 200, 5_000) // seeded as gossipsub loaded, 5,000 messages on
    const tenMinutesOn = started + 10 * 60_000 // long after gossipsub's seen cache forgot it
    expect(provesKeyElsewhere(own, tenMinutesOn, started, [current])).toBe(false)
    expect(provesKeyElsewhere(own, tenMinutesOn, started, [current], true)).toBe(false)
  })

  it("is an earlier process's own when its epoch was kept, however late it comes back", () => {
    const old = seqnoOf(before.fromMs + 100, 42)
    expect(provesKeyElsewhere(old, started + 10 * 60_000, started, [before, current], true)).toBe(
      false,
    )
  })

  it('from before this process and outside every kept epoch: another machine, at once', () => {
    const other = seqnoOf(started - 60_000, 7) // a machine started a minute before this one
    expect(provesKeyElsewhere(other, started + 1_000, started, [before, current], true)).toBe(true)
  })

  it('without kept epochs: numbered from before counts only once the gossip of a restart has passed', () => {
    const earlier = seqnoOf(started - 60_000, 42)
    expect(provesKeyElsewhere(earlier, started + 1_000, started, [current])).toBe(false)
    expect(provesKeyElsewhere(earlier, started + STALE_GOSSIP_MS - 1, started, [current])).toBe(
      false,
    )
    expect(provesKeyElsewhere(earlier, started + STALE_GOSSIP_MS, started, [current])).toBe(true)
    expect(provesKeyElsewhere(undefined, started + 1_000, started)).toBe(false)
    expect(provesKeyElsewhere(undefined, started + STALE_GOSSIP_MS, started)).toBe(true)
  })
})

describe('the epochs file', () => {
  it('is unknown at first, then gives the earlier processes, keeping the last few', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polder-epochs-'))
    try {
      const file = join(dir, 'gossip-epochs.json')
      expect(recordEpoch(file, before)).toBeUndefined()
      expect(recordEpoch(file, current)).toEqual([before])
      for (let i = 0; i < KEPT_EPOCHS + 5; i++)
        recordEpoch(file, { fromMs: started + i * 1_000, toMs: started + i * 1_000 + 10 })
      const kept = JSON.parse(await readFile(file, 'utf8')) as Epoch[]
      expect(kept).toHaveLength(KEPT_EPOCHS)
      expect(kept.at(-1)?.fromMs).toBe(started + (KEPT_EPOCHS + 4) * 1_000)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('that is damaged counts as unknown (the grace applies) and is written anew', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polder-epochs-'))
    try {
      const file = join(dir, 'gossip-epochs.json')
      await writeFile(file, '{"half')
      expect(recordEpoch(file, current)).toBeUndefined()
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([current])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
