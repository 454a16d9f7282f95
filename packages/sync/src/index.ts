/**
 * @packageDocumentation
 *
 * The collective: how a Polder node finds the other members, learns which organisations
 * exist and what their logs hold, decides whom it replicates, and keeps its copies of
 * their logs complete.
 *
 * ## The protocol
 *
 * Every organisation has one append-only log (`/polder/log/1/<did>`), signed by its
 * Ed25519 key; only its own node writes it. Everyone else holds copies. Six channels
 * move what a copy needs, all scoped by the collective's name:
 *
 * - **Heads** (gossipsub topic `/polder/<collective>/heads/1.0.0`, heads.ts): "I hold
 *   these logs at these heads". The writing node publishes one on every change of its
 *   log, carrying the new entries (and those of its last three messages, which may be
 *   overtaken on the way) when they are few and small (at most 128 KiB), so a follower
 *   joins a live update straight from the gossip message, with no round trip.
 *   Every node also publishes the heads of every log it holds periodically and when a
 *   peer joins the topic (the digest). Gossipsub signs each message with the sender's
 *   key, so a message names the peer that holds the logs.
 * - **Sync** (stream protocol `/polder/<collective>/sync/1.0.0`, protocol.ts, wire.ts):
 *   a follower that heard of heads it lacks asks the peer that announced them for the
 *   log, naming the heads it has. The holder answers with its heads and how many entries
 *   the follower lacks (`meta`, from log-diff.ts), then those entries oldest first in
 *   batches of about 1 MiB with the identity blocks they name, then `end`. The follower
 *   acknowledges each batch once joined; the holder keeps at most three unacknowledged,
 *   so neither side buffers without bound. Oldest first makes every batch closed under
 *   its past, so each joins on its own: a long catch-up keeps its progress if the
 *   connection drops halfway. Every message is DAG-CBOR, length-prefixed, and checked
 *   against its size limit before it is decoded.
 * - **Announcements** (gossipsub topic `/polder/<collective>/orgs/1.0.0`, announce.ts):
 *   "I am this organisation, here is my signed profile and my log's heads". Accepted
 *   only from the node whose peer id is derived from the DID it names; they fill the
 *   directory of known organisations.
 * - **Relayed profiles** (gossipsub topic `/polder/<collective>/profiles/1.0.0`,
 *   profile-relay.ts): a node passes on, for each log it holds but does not own, the
 *   signed log entry carrying the organisation's newest profile, with the log's heads;
 *   a receiver checks the entry against the DID alone (log, key, signature, the record
 *   in it; at most 64 KiB), so a node learns organisations from any peer that holds
 *   their logs. Sent periodically, when a peer joins the topic and on a hello.
 * - **Directory** (stream protocol `/polder/<collective>/directory/1.0.0`,
 *   directory-exchange.ts): a node that joins asks the first peers it meets, directly,
 *   for every organisation's newest announcement as its node signed it (checked by that
 *   signature) and the relayed profiles of the logs they hold; it says hello to the whole
 *   collective (which makes every member announce itself) only when none answers.
 * - **Discovery** (the collective's private kad-dht, discovery.ts): every node provides
 *   the collective's key and the key of every log it holds, so members find each other
 *   and a node that knows only a DID finds a peer to replicate it from.
 *
 * ## Guarantees, and what is refused
 *
 * Gossip gives no delivery guarantee (neither does OrbitDB's own head exchange). The
 * replicator (replicator.ts) makes up for it: every interval it compares each replicated
 * log with a peer that holds it and pulls what is missing, so a lost message only delays
 * an update, never loses it. One pull per log runs at a time; heads heard during a pull
 * run the loop once more.
 *
 * Nothing a peer sends is trusted. Every entry, pushed or pulled, is verified by the
 * store before anything of it is kept (log, key, identity, signature, each record, size
 * limits; all or nothing per batch). A peer whose data is refused commits an offence;
 * after three it is disconnected and ignored for ten minutes. Gossip messages are
 * validated before gossipsub forwards them, and each peer's messages are rate limited.
 *
 * ## Whom a node replicates
 *
 * Trust is local (trust.ts): `allowlist` replicates the organisations followed here;
 * `web-of-trust` also those vouched for by at least N of them; `open` everyone
 * announced. Blocked organisations never. The {@link Collective} keeps the replicated
 * logs in line with the policy on every follow, block, vouch and announcement.
 *
 * @example
 * ```ts
 * import { Collective } from '@polder/sync'
 *
 * const collective = new Collective({ store, libp2p: network.libp2p, collective: 'nl', trust: 'web-of-trust' })
 * await collective.start()
 * await collective.follow('did:key:z6Mk…')
 * ```
 */
// The decoders of peer bytes, for the fault suite's fuzzing (tests/faults, pnpm bench --faults)
export { decodeAnnouncement, encodeAnnouncement, orgsTopic } from './announce.js'
export type { PeerClockSkew } from './clock-skew.js'
export { Collective, gossipTopics } from './collective.js'
export type { DiscoveryWalks } from './discovery.js'
export { decodeHeads, encodeHeads, headsTopic, peerIdOfDid } from './heads.js'
export { latestProfile, RateLimit } from './local.js'
export {
  decodeProfileRelay,
  encodeProfileRelay,
  profilesTopic,
} from './profile-relay.js'
export { syncProtocol } from './protocol.js'
export type { TrustMode } from './trust.js'
export { decodeAck, decodeMessage, decodeRequest, encodeMessage } from './wire.js'
