/**
 * The replication graph: organisations as nodes, an edge from the organisation of a
 * practice to each organisation that reported adopting it (an adoption `replicates` it).
 */
import type { OverviewRecord } from './overview'

export interface GraphEdge {
  readonly from: string
  readonly to: string
  /** The practices replicated along this edge (references). */
  readonly practices: readonly string[]
}

export interface ReplicationGraph {
  /** Organisation DIDs that adopted or were adopted from. */
  readonly nodes: readonly string[]
  readonly edges: readonly GraphEdge[]
}

const REF = /^polder:\/\/(did:key:[^/]+)\/[0-9A-Z]{26}$/

export function replicationGraph(records: readonly OverviewRecord[]): ReplicationGraph {
  const edges = new Map<string, { from: string; to: string; practices: Set<string> }>()
  for (const record of records) {
    if (record.kind !== 'adoption') continue
    for (const relation of record.relations ?? []) {
      if (relation.type !== 'replicates') continue
      const from = REF.exec(relation.target)?.[1]
      if (from === undefined || from === record.author) continue
      const key = `${from} ${record.author}`
      const edge = edges.get(key) ?? { from, to: record.author, practices: new Set<string>() }
      edge.practices.add(relation.target)
      edges.set(key, edge)
    }
  }
  const list = [...edges.values()].map((edge) => ({ ...edge, practices: [...edge.practices] }))
  const nodes = [...new Set(list.flatMap((edge) => [edge.from, edge.to]))].sort()
  return { nodes, edges: list }
}
