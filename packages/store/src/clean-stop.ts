/**
 * The note a clean stop leaves beside the state file, so that the next start need not read
 * the whole file again (`PRAGMA quick_check`: ~1 ms a MiB, most of a restart's CPU with a
 * large store) when nothing has touched it since it last passed that check.
 *
 * The note names the file as the stop left it (device, inode, size, modification and change
 * times in ns) and when it last passed a full check. It holds for one start only: that start
 * removes it before the store opens, so a crash after it never leaves one behind. Any write
 * to the file moves its change time, which nothing can set back (restoring a backup,
 * copying over it or writing garbage into it all do); the note is trusted only if it was
 * written on a later tick of the file system's clock than the file's last change, so that a
 * write in the same tick cannot hide. A WAL with content, a check older than
 * {@link FULL_CHECK_MAX_AGE_MS} or anything unexpected means a full check, as before.
 * Damage that reaches the disk without a write through the file system (a failing disk) is
 * found by the check at the latest a day later, or when a query reads the page.
 */
import { type BigIntStats, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { STATE_FILE } from './constants.js'

/** The note, in the data directory. */
export const CLEAN_STOP_FILE = 'state.clean'
/** A start reads the whole file when its last full check is older than this. */
export const FULL_CHECK_MAX_AGE_MS = 24 * 60 * 60 * 1000
/** How long a stop waits for the file system's clock to tick past the file's last change. */
const TICK_WAIT_MS = 5
const TICK_TRIES = 20

type FileIdentity = Record<'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs', string>

interface CleanStop extends FileIdentity {
  /** When the file last passed a full check, ms since the epoch. */
  readonly checkedAt: number
}

const identityOf = (stats: BigIntStats): FileIdentity => ({
  dev: String(stats.dev),
  ino: String(stats.ino),
  size: String(stats.size),
  mtimeNs: String(stats.mtimeNs),
  ctimeNs: String(stats.ctimeNs),
})

/** Whether the state file's WAL holds frames not yet in the file (a stop that did not end). */
function walHolds(state: string): boolean {
  try {
    return statSync(`${state}-wal`).size > 0
  } catch {
    return false // none: the last connection's close checkpointed and removed it
  }
}

/**
 * Leaves the note for the state file of `home`, closed by a clean stop, that last passed a
 * full check at `checkedAt`. Leaves none when its WAL still holds frames; any failure
 * leaves none either (the next start then reads the whole file, as it always did).
 */
export async function noteCleanStop(home: string, checkedAt: number): Promise<void> {
  const state = join(home, STATE_FILE)
  const note = join(home, CLEAN_STOP_FILE)
  try {
    if (walHolds(state)) return
    const file = statSync(state, { bigint: true })
    const text = JSON.stringify({ ...identityOf(file), checkedAt } satisfies CleanStop)
    for (let i = 0; i < TICK_TRIES; i++) {
      writeFileSync(note, text, { mode: 0o600 })
      if (statSync(note, { bigint: true }).mtimeNs > file.ctimeNs) return
      await sleep(TICK_WAIT_MS)
    }
  } catch {
    // no note: the next start checks the whole file, the safe side
  }
  rmSync(note, { force: true })
}

/** Removes the note of `home`, if any: the state file is about to be opened. */
export function forgetCleanStop(home: string): void {
  rmSync(join(home, CLEAN_STOP_FILE), { force: true })
}

/**
 * Takes (reads and removes) the note of `home`: the time of the state file's last full
 * check when the file is exactly as the clean stop left it and that check is recent;
 * undefined when the file must be read (no note, a changed file, anything unexpected).
 */
export function takeCleanStop(home: string, now = Date.now()): number | undefined {
  const note = join(home, CLEAN_STOP_FILE)
  let stop: Partial<CleanStop>
  let written: BigIntStats
  try {
    written = statSync(note, { bigint: true })
    stop = JSON.parse(readFileSync(note, 'utf8')) as Partial<CleanStop>
    rmSync(note) // one start only: not left for the start after a crash
  } catch {
    return undefined // none (a first start, a crash), unreadable or not removable
  }
  const state = join(home, STATE_FILE)
  let file: BigIntStats
  try {
    file = statSync(state, { bigint: true })
  } catch {
    return undefined
  }
  const identity = identityOf(file)
  const unchanged = (Object.keys(identity) as (keyof FileIdentity)[]).every(
    (field) => stop[field] === identity[field],
  )
  const age = now - (stop.checkedAt ?? Number.NaN)
  if (!unchanged || written.mtimeNs <= file.ctimeNs || walHolds(state)) return undefined
  return age >= 0 && age < FULL_CHECK_MAX_AGE_MS ? stop.checkedAt : undefined
}
