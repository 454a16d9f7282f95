/**
 * The node's configuration: raw values from the config file, the environment and flags
 * in (see env.ts; later sources win), a checked {@link Config} out: every value parsed,
 * defaults filled in, and the options that depend on each other checked together.
 */
import { resolve } from 'node:path'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { maxConnectionsOf } from '@polder/net/limits'
import { MAX_LIVE_VOUCHES } from '@polder/store'
import type { TrustMode } from '@polder/sync'
import { DEFAULT_API, LOG_LEVELS, OPTIONS, type OptionName, type RawConfig } from './env.js'
import { ConfigError } from './errors.js'

export type { RawConfig }
export { ConfigError }

export interface Config {
  /** Data directory. `POLDER_HOME`, `--home`. @default ./.polder */
  readonly home: string
  /** HTTP API and viewer address. `POLDER_API`, `--api`. @default 127.0.0.1:7878 */
  readonly api: { readonly host: string; readonly port: number }
  /** libp2p listen multiaddrs. `POLDER_LISTEN` (comma-separated), `--listen`. */
  readonly listen: readonly string[]
  /** Public addresses besides those listened on. `POLDER_ANNOUNCE` (comma-separated). */
  readonly announce: readonly string[]
  /** Port mapping on the router with UPnP IGD v2 (not NAT-PMP). `POLDER_UPNP`. @default false */
  readonly upnp: boolean
  /** Relay service for members, with its limits; undefined when off. `POLDER_RELAY`, `--relay`. */
  readonly relay:
    | {
        readonly maxReservations: number
        readonly dataLimitBytes: number
        readonly durationLimitMs: number
      }
    | undefined
  /** Peers to connect to at start. `POLDER_BOOTSTRAP` (comma-separated), `--bootstrap`. */
  readonly bootstrap: readonly string[]
  /** The collective's name. `POLDER_COLLECTIVE`, `--collective`. @default nl-smart-city */
  readonly collective: string
  /** Discover peers on the LAN with mDNS. `POLDER_MDNS`. @default false */
  readonly mdns: boolean
  /** How often heads are compared with peers (repair), ms. `POLDER_SYNC_INTERVAL` (s). @default 30 s */
  readonly syncIntervalMs: number
  /** Peer ids never to connect with. `POLDER_DENY_PEERS` (comma-separated). */
  readonly denyPeers: readonly string[]
  /**
   * Connections held at once, inbound ones past it refused. `POLDER_MAX_CONNECTIONS`.
   * @default 300, or 1,500 for a node offering relay service (`@polder/net/limits`)
   */
  readonly maxConnections: number
  /** Connections to keep up by dialling members found in the DHT. `POLDER_PEERS`. @default 8 */
  readonly targetPeers: number
  /** How often the organisation announces itself, ms. `POLDER_ANNOUNCE_INTERVAL` (s). @default 300 s */
  readonly announceIntervalMs: number
  /** Whose logs are replicated. `POLDER_TRUST`. @default web-of-trust */
  readonly trust: TrustMode
  /** Vouches from followed organisations that make an organisation trusted. `POLDER_TRUST_VOUCHES`. @default 2 */
  readonly trustVouches: number
  /** Newest vouches counted per voucher. `POLDER_TRUST_VOUCHES_PER_VOUCHER`. @default 1000 */
  readonly trustVouchesPerVoucher: number
  /** Fault injection for tests: share of heads messages ignored. `POLDER_FAULT_DROP_HEADS`. @default 0 */
  readonly dropHeadsMessages: number
  /** Test only: the network starts once this file exists. `POLDER_FAULT_HOLD_NETWORK`. @default none */
  readonly holdNetwork: string | undefined
  /** Writes per minute one client (IP address) may make through the API. `POLDER_WRITE_LIMIT`. @default 600 */
  readonly writesPerMinute: number
  /** Origins allowed to call the API from a browser (CORS), besides the node's own. `POLDER_CORS_ORIGINS`. */
  readonly corsOrigins: readonly string[]
  /** Largest attachment accepted for upload, bytes. `POLDER_MAX_ATTACHMENT` (MiB). @default 200 MiB */
  readonly maxAttachmentBytes: number
  /** Bytes of followed organisations' attachments pinned automatically. `POLDER_PIN_BUDGET` (MiB). @default 2048 MiB */
  readonly pinBudgetBytes: number
  /** How long a download looks for a file it does not hold, ms. `POLDER_FETCH_TIMEOUT` (s). @default 30 s */
  readonly fetchTimeoutMs: number
  /** What this node keeps of each organisation it replicates. */
  readonly orgQuota: {
    readonly maxRecords: number
    readonly maxBytes: number
    readonly maxStatesPerHour: number
  }
  /** Bytes of files fetched on demand kept until garbage collection. `POLDER_CACHE_BUDGET` (MiB). @default 1 GiB */
  readonly cacheBudgetBytes: number
  /** Live-event streams open at once. */
  readonly maxEventClients: number
  /** Bytes of recent live events kept for streams whose readers are behind. */
  readonly eventBufferBytes: number
  /** The built viewer the node serves at its API address. `POLDER_VIEWER`, `--viewer`. @default none */
  readonly viewerRoot: string | undefined
  /** Test only: check every API answer against the contract (a mismatch is a 500). `POLDER_CHECK_RESPONSES`. @default false */
  readonly checkResponses: boolean
  /** Public http(s) URL of the API, the base of records' IRIs. `POLDER_PUBLIC_URL`. @default the API address */
  readonly publicUrl: string | undefined
  /** Memory the node keeps under, bytes. `POLDER_MEMORY_LIMIT` (MiB). @default 512 MiB */
  readonly memoryLimitBytes: number
  /** Log level. `POLDER_LOG_LEVEL`. @default info */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

/**
 * The trust modes `POLDER_TRUST` accepts: every {@link TrustMode} (the type is the sync
 * package's; the list is here so the CLI need not load the network stack to check it).
 */
export const TRUST_MODES = [
  'open',
  'web-of-trust',
  'allowlist',
] as const satisfies readonly TrustMode[]
// fails to compile when the sync package gains a mode this list lacks
const everyTrustMode: Record<Exclude<TrustMode, (typeof TRUST_MODES)[number]>, never> = {}
void everyTrustMode
const MIB = 1024 * 1024

/** `host:port` (IPv6 in brackets: `[::1]:7878`). */
export function parseHostPort(value: string, option: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):([0-9]{1,5})$/.exec(value.trim())
  const port = Number(match?.[2])
  if (match === null || port > 65_535) {
    throw new ConfigError(`${option} must be host:port, such as ${DEFAULT_API}; got "${value}"`)
  }
  return { host: (match[1] as string).replace(/^\[(.*)\]$/, '$1'), port }
}

/** The items of a comma-separated option, trimmed, empty ones dropped. */
function commaList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}

/** Web origins: scheme, host and port, nothing else. */
function origins(value: string): string[] {
  return commaList(value).map((item) => {
    let url: URL | undefined
    try {
      url = new URL(item)
    } catch {
      // reported below
    }
    if (url === undefined || url.origin !== item || !/^https?:$/.test(url.protocol)) {
      throw new ConfigError(
        `POLDER_CORS_ORIGINS: "${item}" is not an origin such as http://localhost:5173`,
      )
    }
    return item
  })
}

function multiaddrs(value: string, option: string, requirePeer: boolean): string[] {
  const list = commaList(value)
  for (const item of list) {
    try {
      const address = multiaddr(item)
      if (requirePeer && address.getComponents().every((c) => c.name !== 'p2p')) {
        throw new Error('it has no /p2p/<peer id>')
      }
    } catch (err) {
      throw new ConfigError(
        `${option}: "${item}" is not a usable multiaddr: ${(err as Error).message}`,
      )
    }
  }
  return list
}

/** An http(s) URL without query or fragment; '' for none. */
function publicUrl(value: string): string | undefined {
  if (value.trim() === '') return undefined
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (
    url === undefined ||
    !/^https?:$/.test(url.protocol) ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new ConfigError(
      `POLDER_PUBLIC_URL must be an http(s) URL such as https://polder.example.nl; got "${value}"`,
    )
  }
  return url.href.replace(/\/+$/, '')
}

function bool(value: string, option: string): boolean {
  if (/^(true|1|yes|on)$/i.test(value)) return true
  if (/^(false|0|no|off)$/i.test(value)) return false
  throw new ConfigError(`${option} must be true or false; got "${value}"`)
}

function peerIds(value: string, option: string): string[] {
  const list = commaList(value)
  for (const item of list) {
    try {
      peerIdFromString(item)
    } catch {
      throw new ConfigError(`${option}: "${item}" is not a peer id`)
    }
  }
  return list
}

/** `POLDER_MAX_CONNECTIONS`, or the default for a member or a relay when it is empty. */
function maxConnections(value: string, offersRelay: boolean): number {
  if (value === '') return maxConnectionsOf(undefined, offersRelay)
  return Math.round(number(value, 'POLDER_MAX_CONNECTIONS', 10, 100_000))
}

/**
 * The smallest data limit of a relayed connection, MiB: bitswap sends blocks in messages of
 * up to 4 MiB, which a relayed connection must carry whole beside its sync and gossip; below
 * that an attachment held behind a NAT never arrives (docs/operations.md).
 */
export const MIN_RELAY_DATA_MIB = 8

function number(value: string, option: string, min: number, max: number): number {
  const parsed = Number(value)
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${option} must be a number from ${min} to ${max}; got "${value}"`)
  }
  return parsed
}

/** Defaults, then each source in turn (file, environment, flags); checks every value. */
export function buildConfig(home: string, ...sources: RawConfig[]): Config {
  const pick = (name: OptionName): string => {
    let value: string = OPTIONS.find((option) => option.name === name)?.default ?? ''
    for (const source of sources) {
      const given = source[name]
      if (given !== undefined) value = given
    }
    return value
  }
  const logLevel = pick('POLDER_LOG_LEVEL')
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`POLDER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  }
  const collective = pick('POLDER_COLLECTIVE')
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(collective)) {
    throw new ConfigError(
      `POLDER_COLLECTIVE must be lowercase letters, digits and '-'; got "${collective}"`,
    )
  }
  const trust = pick('POLDER_TRUST')
  if (!(TRUST_MODES as readonly string[]).includes(trust)) {
    throw new ConfigError(`POLDER_TRUST must be one of ${TRUST_MODES.join(', ')}; got "${trust}"`)
  }
  const offersRelay = bool(pick('POLDER_RELAY'), 'POLDER_RELAY')
  const config: Config = {
    home: resolve(home),
    api: parseHostPort(pick('POLDER_API'), 'POLDER_API'),
    listen: multiaddrs(pick('POLDER_LISTEN'), 'POLDER_LISTEN', false),
    bootstrap: multiaddrs(pick('POLDER_BOOTSTRAP'), 'POLDER_BOOTSTRAP', true),
    announce: multiaddrs(pick('POLDER_ANNOUNCE'), 'POLDER_ANNOUNCE', false),
    upnp: bool(pick('POLDER_UPNP'), 'POLDER_UPNP'),
    relay: offersRelay
      ? {
          maxReservations: Math.round(
            number(pick('POLDER_RELAY_RESERVATIONS'), 'POLDER_RELAY_RESERVATIONS', 1, 100_000),
          ),
          dataLimitBytes: Math.round(
            number(pick('POLDER_RELAY_DATA'), 'POLDER_RELAY_DATA', MIN_RELAY_DATA_MIB, 1_048_576) *
              MIB,
          ),
          durationLimitMs:
            number(pick('POLDER_RELAY_DURATION'), 'POLDER_RELAY_DURATION', 1, 86_400) * 1000,
        }
      : undefined,
    maxConnections: maxConnections(pick('POLDER_MAX_CONNECTIONS'), offersRelay),
    collective,
    mdns: bool(pick('POLDER_MDNS'), 'POLDER_MDNS'),
    logLevel: logLevel as Config['logLevel'],
    syncIntervalMs:
      number(pick('POLDER_SYNC_INTERVAL'), 'POLDER_SYNC_INTERVAL', 0.05, 86_400) * 1000,
    denyPeers: peerIds(pick('POLDER_DENY_PEERS'), 'POLDER_DENY_PEERS'),
    targetPeers: Math.round(number(pick('POLDER_PEERS'), 'POLDER_PEERS', 0, 1000)),
    announceIntervalMs:
      number(pick('POLDER_ANNOUNCE_INTERVAL'), 'POLDER_ANNOUNCE_INTERVAL', 0.1, 86_400) * 1000,
    trust: trust as TrustMode,
    trustVouches: Math.round(number(pick('POLDER_TRUST_VOUCHES'), 'POLDER_TRUST_VOUCHES', 1, 1000)),
    trustVouchesPerVoucher: Math.round(
      number(
        pick('POLDER_TRUST_VOUCHES_PER_VOUCHER'),
        'POLDER_TRUST_VOUCHES_PER_VOUCHER',
        1,
        MAX_LIVE_VOUCHES,
      ),
    ),
    dropHeadsMessages: number(pick('POLDER_FAULT_DROP_HEADS'), 'POLDER_FAULT_DROP_HEADS', 0, 1),
    holdNetwork:
      pick('POLDER_FAULT_HOLD_NETWORK').trim() === ''
        ? undefined
        : resolve(pick('POLDER_FAULT_HOLD_NETWORK')),
    writesPerMinute: Math.round(
      number(pick('POLDER_WRITE_LIMIT'), 'POLDER_WRITE_LIMIT', 1, 1_000_000),
    ),
    corsOrigins: origins(pick('POLDER_CORS_ORIGINS')),
    maxAttachmentBytes: Math.round(
      number(pick('POLDER_MAX_ATTACHMENT'), 'POLDER_MAX_ATTACHMENT', 0.001, 1_048_576) * MIB,
    ),
    fetchTimeoutMs: number(pick('POLDER_FETCH_TIMEOUT'), 'POLDER_FETCH_TIMEOUT', 0.1, 3_600) * 1000,
    viewerRoot: pick('POLDER_VIEWER').trim() === '' ? undefined : resolve(pick('POLDER_VIEWER')),
    checkResponses: bool(pick('POLDER_CHECK_RESPONSES'), 'POLDER_CHECK_RESPONSES'),
    pinBudgetBytes: Math.round(
      number(pick('POLDER_PIN_BUDGET'), 'POLDER_PIN_BUDGET', 0, 1_073_741_824) * MIB,
    ),
    orgQuota: {
      maxRecords: Math.round(
        number(pick('POLDER_ORG_MAX_RECORDS'), 'POLDER_ORG_MAX_RECORDS', 1, 1e9),
      ),
      maxBytes: Math.round(number(pick('POLDER_ORG_MAX_MB'), 'POLDER_ORG_MAX_MB', 0.01, 1e7) * MIB),
      maxStatesPerHour: Math.round(
        number(pick('POLDER_ORG_MAX_PER_HOUR'), 'POLDER_ORG_MAX_PER_HOUR', 1, 1e9),
      ),
    },
    cacheBudgetBytes: Math.round(
      number(pick('POLDER_CACHE_BUDGET'), 'POLDER_CACHE_BUDGET', 0, 1_073_741_824) * MIB,
    ),
    maxEventClients: Math.round(
      number(pick('POLDER_MAX_EVENT_CLIENTS'), 'POLDER_MAX_EVENT_CLIENTS', 0, 100_000),
    ),
    publicUrl: publicUrl(pick('POLDER_PUBLIC_URL')),
    eventBufferBytes: Math.round(
      number(pick('POLDER_EVENT_BUFFER'), 'POLDER_EVENT_BUFFER', 0.01, 4_096) * MIB,
    ),
    memoryLimitBytes: Math.round(
      number(pick('POLDER_MEMORY_LIMIT'), 'POLDER_MEMORY_LIMIT', 64, 1_048_576) * MIB,
    ),
  }
  checkTogether(config)
  return config
}

/** Options that depend on each other. */
function checkTogether(config: Config): void {
  if (config.listen.length === 0 && config.bootstrap.length === 0) {
    throw new ConfigError(
      'POLDER_LISTEN is empty, so the node only dials out: it needs POLDER_BOOTSTRAP (a relay or member to reach the collective through)',
    )
  }
  if (config.listen.length === 0 && config.relay !== undefined) {
    throw new ConfigError('POLDER_RELAY needs POLDER_LISTEN: a relay must be reachable')
  }
  const denied = new Set(config.denyPeers)
  for (const address of config.bootstrap) {
    const peer = multiaddr(address)
      .getComponents()
      .find((c) => c.name === 'p2p')?.value
    if (peer !== undefined && denied.has(peer)) {
      throw new ConfigError(`POLDER_BOOTSTRAP names ${peer}, which POLDER_DENY_PEERS denies`)
    }
  }
}
