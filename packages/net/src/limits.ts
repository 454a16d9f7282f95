/**
 * How many connections a node holds at once: the one place for the defaults, shared by
 * `createNetwork`, the node's configuration and the scale simulation. A module of its own,
 * so that the CLI reads the defaults without loading libp2p (`@polder/net/limits`).
 */

/** libp2p's own limit, which a member never nears (it trims to 64-96, connection-trim.ts). */
export const MEMBER_MAX_CONNECTIONS = 300

/**
 * A relay is usually a bootstrap peer too, and every member keeps a connection to its
 * bootstrap peers: at libp2p's 300 a collective's 301st member was refused and stayed
 * alone. Room for the 400-1,000 organisations of a national one. (The scale simulation's
 * relays had libp2p's 300 until round 21: only the node's configuration knew this.)
 */
export const RELAY_MAX_CONNECTIONS = 1_500

/** The connections a node holds: as asked, or the default for a member or a relay. */
export const maxConnectionsOf = (asked: number | undefined, offersRelay: boolean): number =>
  asked ?? (offersRelay ? RELAY_MAX_CONNECTIONS : MEMBER_MAX_CONNECTIONS)
