/**
 * A home router's UPnP gateway for the small internet (netns.ts): Debian's miniupnpd
 * (package `miniupnpd-nftables`) in the router's namespace, serving UPnP IGD (found by
 * SSDP multicast on the LAN) and NAT-PMP to the hosts behind it, and writing the port
 * mappings they ask for into nftables chains of its own. One process per router, with its
 * own config file in a temporary directory: never the system's daemon or config.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** A port the router forwards from its public address to a host behind it. */
export interface PortMapping {
  readonly protocol: 'tcp' | 'udp'
  readonly externalPort: number
  readonly internalHost: string
  readonly internalPort: number
}

/** Why a router cannot run a UPnP gateway here (miniupnpd missing), or undefined. */
export function upnpUnavailable(): string | undefined {
  try {
    execFileSync('miniupnpd', ['--version'], { stdio: 'ignore' })
    return undefined
  } catch {
    return 'needs `miniupnpd` (apt-get install miniupnpd-nftables)'
  }
}

const TABLE = 'miniupnpd'
const NAT_CHAIN = 'prerouting_miniupnpd'

/**
 * The chains miniupnpd writes its rules into (it creates none itself): the layout of
 * Debian's /etc/miniupnpd/nft_init.sh, in a table of its own. The forward chain accepts by
 * default: the router's own filter still decides, and accepts what a mapping let in
 * (`ct status dnat`).
 */
export const UPNP_TABLE = `
table inet ${TABLE} {
  chain forward {
    type filter hook forward priority filter; policy accept;
    jump miniupnpd
  }
  chain miniupnpd {
  }
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    jump ${NAT_CHAIN}
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    jump postrouting_miniupnpd
  }
  chain ${NAT_CHAIN} {
  }
  chain postrouting_miniupnpd {
  }
}
`

const READY_TIMEOUT_MS = 10_000
/** The end of miniupnpd's log kept for a failing test's message. */
const LOG_LIMIT = 16_384

export class UpnpGateway {
  readonly #namespace: string
  readonly #dir: string
  readonly #child: ChildProcess
  #log = ''

  private constructor(namespace: string, dir: string, child: ChildProcess) {
    this.#namespace = namespace
    this.#dir = dir
    this.#child = child
    // -d logs every request to stderr: read it all, or a full pipe would stall the daemon
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.#log = (this.#log + chunk).slice(-LOG_LIMIT)
    })
  }

  /**
   * Starts miniupnpd in `namespace` (whose chains UPNP_TABLE made) for hosts on `lanDevice`
   * in `lan` (a /24 prefix such as `192.168.3`), mapping for them only the ports they ask
   * for on `wanDevice`; resolves once it answers on HTTP.
   */
  static async start(
    namespace: string,
    devices: { readonly wan: string; readonly lan: string },
    lan: string,
  ): Promise<UpnpGateway> {
    const dir = mkdtempSync(join(tmpdir(), 'polder-upnp-'))
    const config = join(dir, 'miniupnpd.conf')
    writeFileSync(
      config,
      [
        `ext_ifname=${devices.wan}`,
        `listening_ip=${devices.lan}`,
        'http_port=5000',
        'enable_upnp=yes',
        'enable_natpmp=yes',
        // a host may map ports to itself only
        'secure_mode=yes',
        `uuid=${randomUUID()}`,
        `upnp_table_name=${TABLE}`,
        `upnp_nat_table_name=${TABLE}`,
        `allow 1024-65535 ${lan}.0/24 1024-65535`,
        'deny 0-65535 0.0.0.0/0 0-65535',
        '',
      ].join('\n'),
    )
    // `ip netns exec` execs miniupnpd itself: this child is the daemon (-d: in the foreground)
    const child = spawn(
      'ip',
      ['netns', 'exec', namespace, 'miniupnpd', '-f', config, '-d', '-P', join(dir, 'pid')],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
    const gateway = new UpnpGateway(namespace, dir, child)
    try {
      await gateway.#ready()
    } catch (err) {
      gateway.stopSync()
      throw err
    }
    return gateway
  }

  /** What miniupnpd logged last (its requests and answers). */
  get log(): string {
    return this.#log
  }

  /** The mappings miniupnpd holds now, from its nftables chain. */
  async mappings(): Promise<PortMapping[]> {
    const { stdout } = await run('ip', [
      'netns',
      'exec',
      this.#namespace,
      'nft',
      'list',
      'chain',
      'inet',
      TABLE,
      NAT_CHAIN,
    ])
    // e.g. `iif "wan" @nh,72,8 0x6 th dport 4011 dnat ip to 192.168.3.2:4011`: miniupnpd
    // matches the IPv4 header's protocol byte (6 TCP, 0x11 UDP), which nft prints raw
    const rule = /@nh,72,8 0x(6|11) th dport (\d+) dnat ip to ([\d.]+):(\d+)/
    return stdout.split('\n').flatMap((line) => {
      const match = rule.exec(line)
      if (match === null) return []
      const [, protocol, externalPort, internalHost, internalPort] = match
      return [
        {
          protocol: protocol === '6' ? 'tcp' : 'udp',
          externalPort: Number(externalPort),
          internalHost: internalHost ?? '',
          internalPort: Number(internalPort),
        },
      ]
    })
  }

  /**
   * Stops miniupnpd (SIGTERM: it removes its rules) and removes its directory once it
   * exited (it deletes its pid file there as it goes).
   */
  stopSync(): void {
    const remove = () => rmSync(this.#dir, { recursive: true, force: true })
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
      remove()
      return
    }
    this.#child.once('exit', remove)
    this.#child.kill()
  }

  #ready(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer)
        this.#child.stderr?.off('data', logged)
        this.#child.off('exit', exited)
        if (err === undefined) resolve()
        else reject(err)
      }
      // its last line at start-up, after the HTTP, SSDP and NAT-PMP sockets are open
      const logged = () => {
        if (this.#log.includes('Listening for NAT-PMP')) done()
      }
      const exited = (code: number | null) =>
        done(new Error(`miniupnpd exited (${code}) at start:\n${this.#log}`))
      const timer = setTimeout(
        () => done(new Error(`miniupnpd did not start in ${READY_TIMEOUT_MS} ms:\n${this.#log}`)),
        READY_TIMEOUT_MS,
      )
      this.#child.stderr?.on('data', logged)
      this.#child.once('exit', exited)
    })
  }
}
