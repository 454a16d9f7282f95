/**
 * A network of real Polder node processes on 127.0.0.1, each with a temporary data
 * directory and free ports, connected in a chosen topology, with follows set up.
 * Dispose of it (`await using`) and every process is stopped and every directory removed.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TestNode, type TestNodeOptions } from './test-node.js'

/** Which nodes connect to which: pairs of node indexes, or a named shape. */
export type Topology =
  | 'none'
  | 'line'
  | 'ring'
  | 'star'
  | 'full'
  | { readonly random: number; readonly seed?: number }
  | readonly (readonly [number, number])[]

export interface TestNetworkOptions {
  readonly nodes: number
  /** @default 'line' */
  readonly topology?: Topology
  /** Who follows whom: pairs `[follower, followed]`, or 'all' (everyone follows everyone). */
  readonly follow?: 'all' | 'none' | readonly (readonly [number, number])[]
  /** Options for every node, or per node index. */
  readonly node?: TestNodeOptions | ((index: number) => TestNodeOptions)
  /** Heads comparison interval of every node, in seconds. @default 2 */
  readonly syncInterval?: number
}

/** Edges of a topology over `n` nodes. */
export function edgesOf(topology: Topology, n: number): [number, number][] {
  if (Array.isArray(topology)) return topology.map(([a, b]) => [a, b])
  const edges: [number, number][] = []
  if (topology === 'none') return edges
  if (topology === 'line' || topology === 'ring') {
    for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1])
    if (topology === 'ring' && n > 2) edges.push([n - 1, 0])
  } else if (topology === 'star') {
    for (let i = 1; i < n; i++) edges.push([0, i])
  } else if (topology === 'full') {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j])
  } else if (typeof topology === 'object' && 'random' in topology) {
    // a ring (so the graph is connected) plus random chords up to degree ~k
    let seed = topology.seed ?? 1
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed / 2 ** 31
    }
    const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`)
    const present = new Set<string>()
    const add = (a: number, b: number) => {
      if (a === b || present.has(key(a, b))) return
      present.add(key(a, b))
      edges.push([a, b])
    }
    for (let i = 0; i < n; i++) add(i, (i + 1) % n)
    const extra = Math.max(0, Math.round((n * topology.random) / 2) - n)
    for (let tries = 0; edges.length < n + extra && tries < extra * 20; tries++) {
      add(Math.floor(random() * n), Math.floor(random() * n))
    }
  }
  return edges
}

export class TestNetwork implements AsyncDisposable {
  readonly nodes: TestNode[]
  readonly #root: string

  private constructor(root: string, nodes: TestNode[]) {
    this.#root = root
    this.nodes = nodes
  }

  static async create(options: TestNetworkOptions): Promise<TestNetwork> {
    const root = await mkdtemp(join(tmpdir(), 'polder-testnet-'))
    const nodes = Array.from({ length: options.nodes }, (_, index) => {
      const given = typeof options.node === 'function' ? options.node(index) : options.node
      return new TestNode(`node${index}`, given?.home ?? join(root, `node${index}`), {
        ...given,
        env: {
          POLDER_SYNC_INTERVAL: String(options.syncInterval ?? 2),
          // the topology is the test's: no dialling of members found in the DHT
          POLDER_PEERS: '0',
          ...given?.env,
        },
      })
    })
    const network = new TestNetwork(root, nodes)
    try {
      // two at a time: start-up is CPU-bound and this machine may have two cores
      for (let i = 0; i < nodes.length; i += 2) {
        await Promise.all(nodes.slice(i, i + 2).map((node) => node.start()))
      }
      for (const [a, b] of edgesOf(options.topology ?? 'line', nodes.length)) {
        await network.connect(a, b)
      }
      const follows =
        options.follow === 'all'
          ? nodes
              .flatMap((_, a) => nodes.map((_, b) => [a, b] as const))
              .filter(([a, b]) => a !== b)
          : options.follow === 'none' || options.follow === undefined
            ? []
            : options.follow
      for (const [follower, followed] of follows) {
        await network.node(follower).follow(network.node(followed))
      }
    } catch (err) {
      await network.dispose()
      throw err
    }
    return network
  }

  node(index: number): TestNode {
    const node = this.nodes[index]
    if (node === undefined) throw new Error(`No node ${index} in a network of ${this.nodes.length}`)
    return node
  }

  async connect(a: number, b: number): Promise<void> {
    await this.node(a).connect(this.node(b))
  }

  /** Stops every node and removes every data directory. */
  async dispose(): Promise<void> {
    await Promise.allSettled(this.nodes.map((node) => node.stop()))
    await rm(this.#root, { recursive: true, force: true, maxRetries: 3 })
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose()
  }
}

/**
 * A value or error as a failure message shows it: with an error's cause, where fetch's
 * "fetch failed" keeps its reason (a refused connection: the node is gone).
 */
function shown(value: unknown): string {
  if (!(value instanceof Error) || value.cause === undefined) return String(value)
  const cause = value.cause instanceof Error ? value.cause.message : String(value.cause)
  return `${value} (${cause})`
}

/**
 * Polls `check` until it returns a value other than undefined/false, or throws after
 * `timeoutMs` with the last value and `what` for the failure message.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined && value !== false) return value
      last = value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}; last: ${shown(last)}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50))
  }
}
