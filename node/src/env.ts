/**
 * The raw configuration: every option by its environment variable name, with its default
 * and what it does (the config file is written from this), read as strings from the
 * config file, the environment and flags. `config.ts` turns them into a checked Config.
 */
import { readConfigFile } from './config-file.js'

/** Raw option values, as strings, by their environment variable name. */
export type RawConfig = Partial<Record<OptionName, string | undefined>>

export type OptionName = (typeof OPTIONS)[number]['name']

export const DEFAULT_API = '127.0.0.1:7878'
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** Every option, its default and what it does: the config file is written from this. */
export const OPTIONS = [
  {
    name: 'POLDER_API',
    default: DEFAULT_API,
    doc: 'Address of the HTTP API and the viewer (host:port; IPv6 as [::1]:7878). Writes need the API\ntoken. Keep it on 127.0.0.1 and put a TLS reverse proxy in front to reach it from elsewhere.',
  },
  {
    name: 'POLDER_LISTEN',
    default: '/ip4/0.0.0.0/tcp/4011,/ip4/0.0.0.0/tcp/4012/ws',
    doc: 'libp2p listen addresses (multiaddrs, comma-separated): TCP, and WebSocket (/ws) for peers\nbehind HTTP-only egress. Open these ports in the firewall so that other organisations can\nconnect. Empty: the node only dials out and is reachable through relays (POLDER_BOOTSTRAP).',
  },
  {
    name: 'POLDER_ANNOUNCE',
    default: '',
    doc: 'Public addresses of this node besides those it listens on (multiaddrs, comma-separated):\nbehind a port forward or a TLS proxy, such as /dns4/polder.example.nl/tcp/443/wss.',
  },
  {
    name: 'POLDER_UPNP',
    default: 'false',
    doc: 'Ask the router to forward the listen ports with UPnP IGD v2, not NAT-PMP (true/false).',
  },
  {
    name: 'POLDER_RELAY',
    default: 'false',
    doc: 'Offer circuit relay service to members of the collective (true/false; `polder start --relay`):\nfor well-connected nodes, so that nodes behind NATs reach each other through this one.',
  },
  {
    name: 'POLDER_RELAY_RESERVATIONS',
    default: '128',
    doc: 'Relay service: nodes that may hold a reservation (a relayed address) here at once, one each.',
  },
  {
    name: 'POLDER_MAX_CONNECTIONS',
    default: '',
    doc: 'Connections held at once; inbound ones past it are refused (empty: 300, or 1500 with\nPOLDER_RELAY, since every member keeps a connection to its bootstrap peers).',
  },
  {
    name: 'POLDER_RELAY_DATA',
    default: '64',
    doc: 'Relay service: MiB each relayed connection may carry before it is closed (then opened again);\nat least 8, since bitswap sends blocks in messages of up to 4 MiB.',
  },
  {
    name: 'POLDER_RELAY_DURATION',
    default: '600',
    doc: 'Relay service: seconds each relayed connection may stay open before it is closed.',
  },
  {
    name: 'POLDER_BOOTSTRAP',
    default: '',
    doc: 'Peers to connect to at start (multiaddrs with /p2p/<peer id>, comma-separated): nodes of\nthe collective you know.',
  },
  {
    name: 'POLDER_COLLECTIVE',
    default: 'nl-smart-city',
    doc: "Name of the collective (letters, digits, '-'). Nodes only meet nodes of the same collective.",
  },
  {
    name: 'POLDER_MDNS',
    default: 'false',
    doc: 'Find peers on the local network with mDNS (true/false): for a LAN or a demo, not for a\nserver in a data centre.',
  },
  {
    name: 'POLDER_DENY_PEERS',
    default: '',
    doc: 'Peer ids (12D3Koo…) this node never connects with, in either direction, comma-separated.',
  },
  {
    name: 'POLDER_PEERS',
    default: '8',
    doc: 'Connections to keep up by dialling members of the collective found in its DHT (0: only\nbootstrap peers, mDNS and peers that connect to this node).',
  },
  {
    name: 'POLDER_TRUST',
    default: 'web-of-trust',
    doc: 'Whose records this node replicates: web-of-trust (the organisations you follow, plus those\nvouched for by at least POLDER_TRUST_VOUCHES of them), allowlist (only those you follow) or\nopen (every organisation announced in the collective: for a LAN or a demo).',
  },
  {
    name: 'POLDER_TRUST_VOUCHES',
    default: '2',
    doc: 'In web-of-trust mode: how many followed organisations must vouch for an organisation.',
  },
  {
    name: 'POLDER_TRUST_VOUCHES_PER_VOUCHER',
    default: '1000',
    doc: "In web-of-trust mode: how many of each followed organisation's newest vouches count (1 to\n1000, the most an organisation may have): a member, or a ring of members, makes at most\nthis many identities trusted here.",
  },
  {
    name: 'POLDER_SYNC_INTERVAL',
    default: '30',
    doc: 'Seconds between comparisons of log heads with peers, which repair any missed update.',
  },
  {
    name: 'POLDER_ANNOUNCE_INTERVAL',
    default: '300',
    doc: "Seconds between announcements of this organisation (its signed profile and log heads)\non the collective's topic; it also announces at start and whenever its profile changes.",
  },
  {
    name: 'POLDER_FAULT_DROP_HEADS',
    default: '0',
    doc: 'Fault injection for tests only: the share (0 to 1) of received heads messages to ignore.',
  },
  {
    name: 'POLDER_FAULT_HOLD_NETWORK',
    default: '',
    doc: 'For tests only: a file; the network starts only once it exists (the API serves meanwhile).',
  },
  {
    name: 'POLDER_WRITE_LIMIT',
    default: '600',
    doc: 'Writes (publish, edit, retract, trust actions) per minute one client address may make through\nthe API; more get 429 with Retry-After. A bulk publish is one write.',
  },
  {
    name: 'POLDER_CORS_ORIGINS',
    default: '',
    doc: 'Web origins allowed to call the API from a browser (comma-separated, such as\nhttp://localhost:5173 for the viewer in development). The viewer the node serves needs none.',
  },
  {
    name: 'POLDER_MAX_ATTACHMENT',
    default: '200',
    doc: 'Largest attachment (report, data set, photo) this node accepts for upload, in MiB. A larger\nupload is refused while it streams and nothing of it is kept.',
  },
  {
    name: 'POLDER_PIN_BUDGET',
    default: '2048',
    doc: "MiB of disk for the attachments of followed organisations, pinned automatically (newest\nrecords first). The node's own attachments are always pinned; others are fetched when asked\nfor and removed by garbage collection.",
  },
  {
    name: 'POLDER_CACHE_BUDGET',
    default: '1024',
    doc: "MiB of other organisations' files fetched on demand (not pinned) that this node keeps\nuntil garbage collection; past it, the collection runs at once instead of hourly.",
  },
  {
    name: 'POLDER_FETCH_TIMEOUT',
    default: '30',
    doc: 'Seconds a download looks for a file this node does not hold (at connected peers, then\nthrough the DHT) before answering 404; also the longest wait for any one block of it.',
  },
  {
    name: 'POLDER_ORG_MAX_RECORDS',
    default: '100000',
    doc: "Records this node keeps of any one organisation it replicates. Over it, the node stops\npulling that organisation's log (nothing is dropped) and says so in its sync status.",
  },
  {
    name: 'POLDER_ORG_MAX_MB',
    default: '512',
    doc: 'MiB of records (every version) this node keeps of any one organisation it replicates;\nover it, as with POLDER_ORG_MAX_RECORDS.',
  },
  {
    name: 'POLDER_ORG_MAX_PER_HOUR',
    default: '50000',
    doc: "Record versions this node takes from any one organisation's log per hour; more wait for\nthe next hour.",
  },
  {
    name: 'POLDER_MAX_EVENT_CLIENTS',
    default: '100',
    doc: 'Live-event streams (GET /v1/events: open viewers) served at once; one more gets 503.',
  },
  {
    name: 'POLDER_EVENT_BUFFER',
    default: '16',
    doc: 'MiB of recent live events kept for streams whose readers are behind, shared by all of\nthem. A stream that falls further behind is ended with a stream:dropped event.',
  },
  {
    name: 'POLDER_PUBLIC_URL',
    default: '',
    doc: 'Public http(s) URL of this node (as reached through a TLS reverse proxy, such as\nhttps://polder.example.nl): the base of the IRIs of its records, themes and catalogue in\nJSON-LD, DCAT, OAI-PMH, feeds and citations. Empty: http://<POLDER_API>.',
  },
  {
    name: 'POLDER_MEMORY_LIMIT',
    default: '512',
    doc: "MiB of memory the node keeps under: V8's heap gets three quarters of it (pnpm start sets\n--max-old-space-size from it), the live-event buffer at most a sixteenth, and the node logs a\nwarning when its resident memory passes 90% of it.",
  },
  {
    name: 'POLDER_VIEWER',
    default: '',
    doc: 'Directory of the built viewer (apps/viewer/dist in the Polder repository) that the node\nserves at its API address; empty: none. `pnpm start` sets it.',
  },
  {
    name: 'POLDER_CHECK_RESPONSES',
    default: 'false',
    doc: 'For tests only: check every API answer against the API contract; a mismatch is a 500.',
  },
  {
    name: 'POLDER_LOG_LEVEL',
    default: 'info',
    doc: `Log level: ${LOG_LEVELS.join(', ')}.`,
  },
] as const

/** The options set in the environment (`POLDER_HOME` is read separately: it locates the file). */
export function readEnv(env: NodeJS.ProcessEnv = process.env): RawConfig {
  return Object.fromEntries(OPTIONS.map(({ name }) => [name, env[name]]))
}

/**
 * The raw options of a node: its config file, then the environment, then flags (later
 * sources win when `buildConfig` reads them in this order).
 */
export async function readRawConfig(
  home: string,
  flags: RawConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<RawConfig[]> {
  return [await readConfigFile(home), readEnv(env), flags]
}
