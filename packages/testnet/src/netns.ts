/**
 * A small internet on this machine, from Linux network namespaces: a bridge in a
 * namespace of its own is "the internet" (11.0.0.0/24: not a private range, so AutoNAT
 * treats it as public), public hosts sit on it, and each home host sits behind a router
 * namespace that masquerades it (nftables) and drops unasked inbound traffic.
 *
 * The test process reaches each host's API over a management link of its own (a veth pair
 * from the root namespace, 10.x.y.0/30), never through the internet or a router: the node
 * listens for peers on its internet or LAN address only, so the link takes no part in
 * what is tested. Node processes start inside their namespace with `ip netns exec`.
 *
 * Needs root, `ip` (iproute2) and `nft` (nftables); a router with a UPnP gateway needs
 * `miniupnpd` (upnp-gateway.ts). Namespaces carry the process id in
 * their name and are removed on dispose, at process exit, and by the next run when the
 * process that made them is gone.
 */
import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import { UPNP_TABLE, UpnpGateway } from './upnp-gateway.js'

const run = promisify(execFile)

/** How a home router translates its hosts' connections. */
export type NatKind =
  /** Keeps a connection's source port when free (endpoint-independent mapping). */
  | 'port-preserving'
  /** A random public port for every connection (symmetric): hole punching cannot work. */
  | 'symmetric'

export interface HomeOptions {
  readonly nat: NatKind
  /** Only these TCP destination ports may leave the home network (say, only a WebSocket port). */
  readonly egressTcpPorts?: readonly number[]
  /** TCP ports the router forwards to the host (a port forward: the host is dialable). */
  readonly forwardTcpPorts?: readonly number[]
  /**
   * The router runs a UPnP gateway (miniupnpd: UPnP IGD and NAT-PMP) for its LAN, so the
   * host may ask it for port mappings. Needs `miniupnpd` (see upnpUnavailable).
   */
  readonly upnp?: boolean
}

export interface NetnsHost {
  readonly name: string
  /** The network namespace the host's processes run in. */
  readonly namespace: string
  /** The host's own address: on the internet, or on its LAN behind its router. */
  readonly ip: string
  /** Where the internet sees it: its own address, or its router's. */
  readonly publicIp: string
  /** The address, on its management link, the test process reaches it on (its API). */
  readonly managementIp: string
  /** `ip netns exec <namespace>`: put before a command to run it on this host. */
  readonly command: readonly string[]
  /** The router's UPnP gateway, when asked for (HomeOptions.upnp). */
  readonly upnp?: UpnpGateway
}

const PREFIX = 'polder'
const INTERNET = '11.0.0'

/** Why this machine cannot build namespaces (not root, a tool missing), or undefined. */
export function netnsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root (ip netns, nftables)'
  for (const tool of ['ip', 'nft']) {
    try {
      execFileSync(tool, ['-V'], { stdio: 'ignore' })
    } catch {
      return `needs \`${tool}\` (apt-get install ${tool === 'ip' ? 'iproute2' : 'nftables'})`
    }
  }
  return undefined
}

const namespaceOwner = (namespace: string): number | undefined => {
  const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(namespace)
  return match === null ? undefined : Number(match[1])
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function namespaces(): string[] {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
  return out
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(PREFIX))
}

/** Removes namespaces left by runs whose process is gone (a crash, a kill -9). */
function sweepStale(): void {
  for (const namespace of namespaces()) {
    const owner = namespaceOwner(namespace)
    if (owner !== undefined && owner !== process.pid && !alive(owner)) {
      execFileSync('ip', ['netns', 'del', namespace], { stdio: 'ignore' })
    }
  }
}

export class SmallInternet implements AsyncDisposable {
  readonly #id: number
  readonly #prefix: string
  readonly #internet: string
  readonly #made: string[] = []
  readonly #gateways: UpnpGateway[] = []
  /** Root-namespace ends of management links (removed with their namespace's end). */
  readonly #managementBlock: number
  #hosts = 0
  #disposed = false
  readonly #onExit = (): void => this.#removeAllSync()

  private constructor(id: number) {
    this.#id = id
    this.#prefix = `${PREFIX}${process.pid}-${id}`
    this.#internet = `${this.#prefix}-inet`
    // a second octet per process and instance, so parallel runs' links do not overlap
    this.#managementBlock = 100 + ((process.pid * 7 + id) % 150)
  }

  static #instances = 0

  /** The internet: a namespace with a bridge. Throws with the reason when not root. */
  static async create(): Promise<SmallInternet> {
    const missing = netnsUnavailable()
    if (missing !== undefined) throw new Error(`A small internet of namespaces ${missing}`)
    sweepStale()
    const internet = new SmallInternet(SmallInternet.#instances++)
    process.once('exit', internet.#onExit)
    try {
      await internet.#namespace(internet.#internet)
      await internet.#in(internet.#internet, 'ip', 'link', 'add', 'br0', 'type', 'bridge')
      await internet.#in(internet.#internet, 'ip', 'link', 'set', 'br0', 'up')
    } catch (err) {
      await internet.dispose()
      throw err
    }
    return internet
  }

  /** A host with an address on the internet, reachable by everyone. */
  async publicHost(name: string): Promise<NetnsHost> {
    const index = this.#hosts++
    const namespace = `${this.#prefix}-${name}`
    const ip = `${INTERNET}.${10 + index}`
    await this.#namespace(namespace)
    await this.#plugIn(namespace, 'eth0', ip, index)
    const managementIp = await this.#management(namespace, index)
    return this.#host(name, namespace, ip, ip, managementIp)
  }

  /** A host on a LAN of its own behind a router that masquerades it. */
  async homeHost(name: string, options: HomeOptions): Promise<NetnsHost> {
    const index = this.#hosts++
    const router = `${this.#prefix}-${name}-r`
    const namespace = `${this.#prefix}-${name}`
    const routerIp = `${INTERNET}.${100 + index}`
    const lan = `192.168.${index}`
    await this.#namespace(router)
    await this.#namespace(namespace)
    await this.#plugIn(router, 'wan', routerIp, index)
    await run('ip', [
      'link',
      'add',
      'lan',
      'netns',
      router,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      namespace,
    ])
    await this.#in(router, 'ip', 'addr', 'add', `${lan}.1/24`, 'dev', 'lan')
    await this.#in(router, 'ip', 'link', 'set', 'lan', 'up')
    await this.#in(router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1')
    await this.#in(namespace, 'ip', 'addr', 'add', `${lan}.2/24`, 'dev', 'eth0')
    await this.#in(namespace, 'ip', 'link', 'set', 'eth0', 'up')
    await this.#in(namespace, 'ip', 'route', 'add', 'default', 'via', `${lan}.1`)
    await this.#nft(router, routerRules(options, `${lan}.2`))
    let upnp: UpnpGateway | undefined
    if (options.upnp === true) {
      await this.#nft(router, UPNP_TABLE)
      upnp = await UpnpGateway.start(router, { wan: 'wan', lan: 'lan' }, lan)
      this.#gateways.push(upnp)
    }
    const managementIp = await this.#management(namespace, index)
    const host = this.#host(name, namespace, `${lan}.2`, routerIp, managementIp)
    return upnp === undefined ? host : { ...host, upnp }
  }

  /** Removes every namespace (and so every link) this internet made. */
  async dispose(): Promise<void> {
    if (this.#disposed) return
    this.#disposed = true
    process.off('exit', this.#onExit)
    this.#removeAllSync()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }

  #removeAllSync(): void {
    // a daemon keeps its namespace alive after `ip netns del`: stop them first
    for (const gateway of this.#gateways.splice(0)) gateway.stopSync()
    for (const namespace of this.#made.splice(0).reverse()) {
      try {
        execFileSync('ip', ['netns', 'del', namespace], { stdio: 'ignore' })
      } catch {
        // already gone
      }
    }
  }

  #host(
    name: string,
    namespace: string,
    ip: string,
    publicIp: string,
    managementIp: string,
  ): NetnsHost {
    return {
      name,
      namespace,
      ip,
      publicIp,
      managementIp,
      command: ['ip', 'netns', 'exec', namespace],
    }
  }

  async #namespace(namespace: string): Promise<void> {
    await run('ip', ['netns', 'add', namespace])
    this.#made.push(namespace)
    await this.#in(namespace, 'ip', 'link', 'set', 'lo', 'up')
  }

  /** A veth from `namespace` (named `device`, with `ip`) to the internet's bridge. */
  async #plugIn(namespace: string, device: string, ip: string, index: number): Promise<void> {
    const port = `p${index}`
    await run('ip', [
      'link',
      'add',
      device,
      'netns',
      namespace,
      'type',
      'veth',
      'peer',
      'name',
      port,
      'netns',
      this.#internet,
    ])
    await this.#in(this.#internet, 'ip', 'link', 'set', port, 'master', 'br0', 'up')
    await this.#in(namespace, 'ip', 'addr', 'add', `${ip}/24`, 'dev', device)
    await this.#in(namespace, 'ip', 'link', 'set', device, 'up')
  }

  /** A /30 link from the root namespace to `namespace`; returns the namespace's end. */
  async #management(namespace: string, index: number): Promise<string> {
    const net = `10.${this.#managementBlock}.${index}`
    const outside = `pm${process.pid.toString(36)}${this.#id}x${index}`
    await run('ip', [
      'link',
      'add',
      outside,
      'type',
      'veth',
      'peer',
      'name',
      'mgmt',
      'netns',
      namespace,
    ])
    await run('ip', ['addr', 'add', `${net}.1/30`, 'dev', outside])
    await run('ip', ['link', 'set', outside, 'up'])
    await this.#in(namespace, 'ip', 'addr', 'add', `${net}.2/30`, 'dev', 'mgmt')
    await this.#in(namespace, 'ip', 'link', 'set', 'mgmt', 'up')
    return `${net}.2`
  }

  async #in(namespace: string, ...command: string[]): Promise<void> {
    await run('ip', ['netns', 'exec', namespace, ...command])
  }

  async #nft(namespace: string, rules: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const child = execFile('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], (err) =>
        err === null ? resolve() : reject(err),
      )
      child.stdin?.end(rules)
    })
  }
}

/**
 * A home router's rules: masquerade out of `wan`, forward what the LAN starts (only to
 * the allowed ports when given) and the answers to it, and the forwarded ports to `host`;
 * drop everything else.
 */
function routerRules(options: HomeOptions, host: string): string {
  const forwarded = options.forwardTcpPorts ?? []
  const forward =
    forwarded.length === 0
      ? ''
      : `chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    iifname "wan" tcp dport { ${forwarded.join(', ')} } dnat to ${host}
  }`
  const egress =
    options.egressTcpPorts === undefined
      ? 'iifname "lan" oifname "wan" accept'
      : `iifname "lan" oifname "wan" tcp dport { ${options.egressTcpPorts.join(', ')} } accept`
  // `random`: a new random source port per connection, so no mapping is ever reused
  const masquerade = options.nat === 'symmetric' ? 'masquerade random' : 'masquerade'
  return `
table ip nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan" ${masquerade}
  }
  ${forward}
}
table inet filter {
  chain forward {
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    ct status dnat accept
    ${egress}
  }
}
`
}
