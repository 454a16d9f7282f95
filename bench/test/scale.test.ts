/** The national-scale simulation (bench/src/scale): its follow graph, and a 10-node run that replicates everything. */
import { describe, expect, it } from 'vitest'
import { followGraph, followRange } from '../src/scale/graph.ts'
import { simulate } from '../src/scale/simulation.ts'

describe('follow graph', () => {
  it('gives every node between min and max follows, never itself, never twice', () => {
    const graph = followGraph({ nodes: 200, minFollows: 20, maxFollows: 100, seed: 3 })
    graph.follows.forEach((follows, node) => {
      expect(follows.length).toBeGreaterThanOrEqual(20)
      expect(follows.length).toBeLessThanOrEqual(100)
      expect(follows).not.toContain(node)
      expect(new Set(follows).size).toBe(follows.length)
    })
    // followers are the same edges the other way
    const edges = graph.follows.reduce((sum, follows) => sum + follows.length, 0)
    expect(graph.followers.reduce((sum, followers) => sum + followers.length, 0)).toBe(edges)
    for (const [node, followers] of graph.followers.entries())
      for (const follower of followers) expect(graph.follows[follower]).toContain(node)
  })

  it('makes popularity a power law: a few are followed by most, most by a few', () => {
    const graph = followGraph({ nodes: 400, minFollows: 20, maxFollows: 100, seed: 1 })
    const counts = graph.followers.map((followers) => followers.length).sort((a, b) => b - a)
    const median = counts[200] as number
    expect(counts[0]).toBeGreaterThan(300)
    expect(counts[0]).toBeGreaterThan(median * 10)
  })

  it('repeats with the same seed and differs with another', () => {
    const options = { nodes: 50, minFollows: 5, maxFollows: 20 }
    expect(followGraph({ ...options, seed: 9 })).toEqual(followGraph({ ...options, seed: 9 }))
    expect(followGraph({ ...options, seed: 9 })).not.toEqual(followGraph({ ...options, seed: 10 }))
  })

  it('scales the follows down in a small collective, and refuses impossible ones', () => {
    expect(followRange(400)).toEqual({ minFollows: 20, maxFollows: 100 })
    expect(followRange(50)).toEqual({ minFollows: 9, maxFollows: 24 })
    expect(() => followGraph({ nodes: 5, minFollows: 2, maxFollows: 5 })).toThrow(RangeError)
  })
})

describe('the simulated collective at 10 nodes', () => {
  it(
    'replicates everything: every follow at start, every publication and bulk import to every follower through churn, and a new member’s follows',
    async () => {
      const lines: string[] = []
      const figures = await simulate({
        nodes: 10,
        hosts: 2,
        idleSeconds: 5,
        loadSeconds: 30,
        bulkSize: 200,
        // generous: each wait ends as soon as every copy is complete (about 90 s in all on
        // a quiet machine); on a busy one the nodes get little CPU and need longer
        syncSeconds: 300,
        settleSeconds: 300,
        log: (line) => lines.push(line),
      })
      const why = lines.join('\n')
      // every follower-followed pair holds the author's profile before the load starts
      expect(figures.initialSync, why).toBe(1)
      expect(figures.publications, why).toBeGreaterThan(0)
      expect(figures.bulkRecords, why).toBe(400)
      // churned members (10%, away about half the load window) catch up after coming back
      expect(figures.completeness, why).toBe(1)
      expect(figures.propagation.deliveredOnline, why).toBe(1)
      expect(figures.propagation.deliveredAll, why).toBe(1)
      expect(figures.newMember.complete, why).toBe(1)
    },
    20 * 60_000,
  )
})
