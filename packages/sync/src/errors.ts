/** Errors of the collective's protocols, matched by `name`. */
import type { PeerId } from '@libp2p/interface'
import type { RefusalCode } from './wire.js'

/** A peer sent something that is not a valid message of the protocol. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'
}

/** A peer broke the protocol or sent entries that were refused: it is to blame. */
export class PeerMisbehavedError extends Error {
  override readonly name = 'PeerMisbehavedError'
  readonly peer: PeerId
  constructor(peer: PeerId, message: string, options?: ErrorOptions) {
    super(message, options)
    this.peer = peer
  }
}

/**
 * This node could not keep what a holder sent, for a reason of its own (a full disk, a
 * store closing, a failing read): no fault of the holder, which is neither charged nor
 * given up. The pull is tried again later.
 */
export class JoinFailedError extends Error {
  override readonly name = 'JoinFailedError'
}

/** The peer does not serve the log (it does not hold it, or will not share it). */
export class SyncRefusedError extends Error {
  override readonly name = 'SyncRefusedError'
  readonly code: RefusalCode
  constructor(code: RefusalCode, message: string) {
    super(message)
    this.code = code
  }
}

/** This node keeps no more of an organisation's log: it is over its quota here. */
export class QuotaExceededError extends Error {
  override readonly name = 'QuotaExceededError'
}

/**
 * A holder sent no message within the timeout. `served` tells whether it had sent any
 * batch of this pull before: a holder that claims a log and never sends a batch is
 * charged; one that fell silent while sending (a busy machine) is not.
 */
export class HolderStalledError extends Error {
  override readonly name = 'HolderStalledError'
  readonly served: boolean
  constructor(message: string, served: boolean) {
    super(message)
    this.served = served
  }
}

/**
 * A holder sent less than the least rate a pull must make. The pull is given up, but the
 * holder is not charged: on a starved machine the asker's own slowness lowers the rate.
 */
export class HolderTooSlowError extends Error {
  override readonly name = 'HolderTooSlowError'
}
