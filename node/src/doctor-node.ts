/**
 * `polder doctor`'s checks of the running node, read from its status: reachability as
 * the node sees it, peers, clock skew against peers, and its key in use elsewhere.
 */
import type { OutputOf, Routes } from '@polder/api'
import type { Finding } from './doctor-local.js'

type Status = OutputOf<Routes['getStatus']>

/** Skew beyond which clocks count as off: gossip delivers within seconds. */
export const SKEW_LIMIT_MS = 60_000

const REACHABILITY_SECTION = '"Reachability, relays and WebSockets" in docs/operations.md'

export function checkReachability(status: Status): Finding {
  const { reachability, relays, state } = status.network
  const check = 'reachability'
  if (state === 'starting')
    return {
      check,
      verdict: 'warn',
      finding: 'the node is still starting its network',
      action: 'run polder doctor again in a few seconds',
    }
  switch (reachability) {
    case 'public':
      return { check, verdict: 'ok', finding: 'public: AutoNAT confirmed others can dial it' }
    case 'relayed':
      return {
        check,
        verdict: 'ok',
        finding: `reachable through ${relays.length} relay(s) only`,
        action: `for direct connections, open the libp2p TCP port or set POLDER_ANNOUNCE (${REACHABILITY_SECTION})`,
      }
    case 'direct-after-hole-punch':
      return { check, verdict: 'ok', finding: 'behind NAT, direct to peers after hole punching' }
    case 'private':
      return {
        check,
        verdict: 'warn',
        finding:
          'private: AutoNAT has not confirmed that others can dial this node, and it holds no relay reservation',
        action: `open the libp2p TCP port in the firewall, set POLDER_ANNOUNCE, or bootstrap to a relay (${REACHABILITY_SECTION})`,
      }
  }
}

/** ", failing with Name xN, …; the last: message", or nothing when no dial failed (all aborted). */
function failuresOf({
  failures,
  lastFailure,
}: NonNullable<Status['network']['bootstrapRedials']>): string {
  const names = Object.entries(failures).map(([name, count]) => `${name} x${count}`)
  if (names.length === 0) return ''
  return `, failing with ${names.join(', ')}${lastFailure === undefined ? '' : `; the last: ${lastFailure}`}`
}

export function checkPeers(status: Status): Finding {
  if (status.peers > 0)
    return { check: 'peers', verdict: 'ok', finding: `${status.peers} peer(s) connected` }
  const redials = status.network.bootstrapRedials
  if (redials !== undefined)
    return {
      check: 'peers',
      verdict: 'warn',
      finding: `no peer connected: the bootstrap peers were dialled again ${redials.rounds} time(s)${failuresOf(redials)}`,
      action:
        'check that POLDER_BOOTSTRAP names running members (address and /p2p/ peer id) and that a firewall lets this node dial them; it keeps dialling, up to once a minute',
    }
  return {
    check: 'peers',
    verdict: 'warn',
    finding: 'no peer connected',
    action: 'set POLDER_BOOTSTRAP to a member of the collective, or polder connect <multiaddr>',
  }
}

const minutes = (ms: number) =>
  `${Math.round(Math.abs(ms) / 60_000)} min ${ms > 0 ? 'ahead' : 'behind'}`

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

/**
 * When most peers disagree with this clock, this clock is off; when a few do, theirs are.
 * Record times (`created`, `updated`) come from the writer's clock.
 */
export function checkClock(status: Status): Finding {
  const peers = status.clock
  if (peers.length === 0)
    return {
      check: 'clock',
      verdict: 'skip',
      finding: 'no peer announced itself in the last hour: nothing to compare with',
    }
  const typical = median(peers.map((p) => p.skewMs))
  // with fewer than three peers, a disagreement does not say whose clock is off
  if (peers.length >= 3 && Math.abs(typical) > SKEW_LIMIT_MS)
    return {
      check: 'clock',
      verdict: 'fail',
      finding: `this clock is off: peers are typically ${minutes(typical)} of it (${peers.length} peer(s))`,
      action: 'synchronise the clock: timedatectl set-ntp true (or chrony/ntpd)',
    }
  const off = peers.filter((p) => Math.abs(p.skewMs) > SKEW_LIMIT_MS)
  if (off.length > 0)
    return {
      check: 'clock',
      verdict: 'warn',
      finding: `clocks of ${off.length} of ${peers.length} peer(s) differ from this one: ${off
        .map((p) => `${p.peer} ${minutes(p.skewMs)}`)
        .join(', ')}`,
      action:
        'if this clock is right (timedatectl), tell those organisations: their records carry wrong times',
    }
  return {
    check: 'clock',
    verdict: 'ok',
    finding: `within ${SKEW_LIMIT_MS / 1000} s of ${peers.length} peer(s)`,
  }
}

export function checkKeyConflict(status: Status): Finding {
  if (status.keyConflict === undefined)
    return { check: 'key-in-use', verdict: 'ok', finding: 'no sign of this key on another machine' }
  return {
    check: 'key-in-use',
    verdict: 'fail',
    finding: `this key is in use on another machine since ${status.keyConflict.since} (${status.keyConflict.evidence}); writes are refused`,
    action:
      'stop the other machine that runs this key for good, then restart this node ("One key, one machine" in docs/operations.md)',
  }
}

export const nodeChecks = [checkReachability, checkPeers, checkClock, checkKeyConflict]
