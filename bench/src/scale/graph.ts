/**
 * The follow graph of a simulated collective: each organisation follows between
 * `minFollows` and `maxFollows` others, chosen by power-law popularity (Zipf: the
 * organisation of popularity rank r is chosen with weight 1 / (r + 1)^exponent), so a few
 * (the big cities, the national institutes) are followed by most and most by a few.
 * Seeded: the same options give the same graph.
 */

export interface GraphOptions {
  readonly nodes: number
  readonly minFollows: number
  readonly maxFollows: number
  /** Zipf exponent of popularity. @default 1 */
  readonly exponent?: number
  readonly seed?: number
}

export interface FollowGraph {
  /** For each node, the nodes it follows (never itself, no duplicates). */
  readonly follows: readonly (readonly number[])[]
  /** For each node, the nodes that follow it. */
  readonly followers: readonly (readonly number[])[]
}

/** A small seeded PRNG (mulberry32): the simulation's choices repeat run after run. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * Follows per organisation at a simulated size: 20-100 in a collective of hundreds; in a
 * small simulation scaled down so that nobody follows more than half the others.
 */
export function followRange(nodes: number): { minFollows: number; maxFollows: number } {
  const maxFollows = Math.max(1, Math.min(100, Math.floor((nodes - 1) / 2)))
  const minFollows = Math.max(1, Math.min(20, Math.floor(maxFollows / 2.5)))
  return { minFollows, maxFollows }
}

export function followGraph(options: GraphOptions): FollowGraph {
  const { nodes, minFollows, maxFollows } = options
  if (nodes < 2) throw new RangeError('a follow graph needs at least 2 nodes')
  if (minFollows < 1 || maxFollows < minFollows || maxFollows > nodes - 1)
    throw new RangeError(`follows must be within 1..${nodes - 1}, min <= max`)
  const next = random(options.seed ?? 1)
  const exponent = options.exponent ?? 1
  // popularity ranks: a random permutation, so popularity is not tied to node index
  const rank = Array.from({ length: nodes }, (_, i) => i)
  for (let i = nodes - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[rank[i], rank[j]] = [rank[j] as number, rank[i] as number]
  }
  const weight = rank.map((r) => 1 / (r + 1) ** exponent)
  const follows: number[][] = []
  const followers: number[][] = Array.from({ length: nodes }, () => [])
  for (let node = 0; node < nodes; node++) {
    const count = minFollows + Math.floor(next() * (maxFollows - minFollows + 1))
    const chosen = new Set<number>()
    // weighted sampling without replacement: draw, drop the drawn one's weight
    let total = weight.reduce((sum, w, i) => (i === node ? sum : sum + w), 0)
    while (chosen.size < count) {
      let target = next() * total
      let pick = -1
      for (let i = 0; i < nodes; i++) {
        if (i === node || chosen.has(i)) continue
        target -= weight[i] as number
        pick = i
        if (target <= 0) break
      }
      chosen.add(pick)
      total -= weight[pick] as number
    }
    const list = [...chosen].sort((a, b) => a - b)
    follows.push(list)
    for (const followed of list) followers[followed]?.push(node)
  }
  return { follows, followers }
}
