/**
 * Rules on relations that need other records, checked when this node's organisation
 * publishes or edits (a record alone cannot say what its target is): an `answers`
 * relation comes from a finding, practice or lab and points at a question; an `endorses`
 * relation comes from an endorsement, points at a question and is the organisation's only
 * live endorsement of it. Peers' records are not held to these rules (their targets may
 * not be here); what counts endorsements and answers only counts matching kinds.
 */
import {
  formatRef,
  isTombstone,
  type PolderRecord,
  type Problem,
  type RecordState,
} from '@polder/schema'

/** What the rules need to look up: a record by reference, and who relates to one. */
export interface RelationLookup {
  readonly get: (ref: string) => RecordState | undefined
  readonly relatedTo: (ref: string) => readonly { author: string; id: string; type: string }[]
}

const ANSWERING_KINDS = new Set(['finding', 'practice', 'lab'])

/**
 * Problems of a record's relations, each at its field. `staged` are records published in
 * the same batch, which the store does not hold yet.
 */
export function relationProblems(
  record: PolderRecord,
  lookup: RelationLookup,
  staged: readonly PolderRecord[] = [],
): Problem[] {
  const problems: Problem[] = []
  const find = (ref: string): RecordState | undefined =>
    lookup.get(ref) ?? staged.find((other) => formatRef(other) === ref)
  record.relations.forEach((relation, index) => {
    const path = `/relations/${index}/target`
    if (relation.type === 'answers') {
      if (!ANSWERING_KINDS.has(record.kind)) {
        problems.push(answersFromWrongKind(`/relations/${index}/type`))
        return
      }
      const target = find(relation.target)
      if (target === undefined || isTombstone(target) || target.kind !== 'question') {
        problems.push(notAQuestion(path, target === undefined, 'answers'))
      }
    }
    if (relation.type === 'endorses') {
      if (record.kind !== 'endorsement') {
        problems.push(endorsesFromWrongKind(`/relations/${index}/type`))
        return
      }
      const target = find(relation.target)
      if (target === undefined || isTombstone(target) || target.kind !== 'question') {
        problems.push(notAQuestion(path, target === undefined, 'endorses'))
        return
      }
      const again =
        lookup
          .relatedTo(relation.target)
          .some((r) => r.type === 'endorses' && r.author === record.author && r.id !== record.id) ||
        staged.some(
          (other) =>
            other !== record &&
            other.id !== record.id &&
            other.author === record.author &&
            other.relations.some((r) => r.type === 'endorses' && r.target === relation.target),
        )
      if (again) problems.push(endorsedTwice(path))
    }
  })
  return problems
}

function notAQuestion(path: string, missing: boolean, type: 'answers' | 'endorses'): Problem {
  if (missing) {
    return {
      path,
      code: `${type}-unknown-question`,
      message: {
        en: 'no such question on this node; follow the organisation that asked it first',
        nl: 'deze vraag staat niet op deze node; volg eerst de organisatie die haar stelde',
      },
    }
  }
  return {
    path,
    code: `${type}-not-a-question`,
    message: {
      en: `${type === 'answers' ? 'answers' : 'endorses'} must point at a live question, and this record is not one`,
      nl: `${type === 'answers' ? 'beantwoordt' : 'onderschrijft'} moet naar een geldende vraag wijzen, en dit record is er geen`,
    },
  }
}

function answersFromWrongKind(path: string): Problem {
  return {
    path,
    code: 'answers-wrong-kind',
    message: {
      en: 'only a finding, practice or lab answers a question',
      nl: 'alleen een onderzoeksresultaat, praktijk of lab beantwoordt een vraag',
    },
  }
}

function endorsesFromWrongKind(path: string): Problem {
  return {
    path,
    code: 'endorses-wrong-kind',
    message: {
      en: 'only an endorsement endorses a question',
      nl: 'alleen een onderschrijving onderschrijft een vraag',
    },
  }
}

function endorsedTwice(path: string): Problem {
  return {
    path,
    code: 'endorsed-twice',
    message: {
      en: 'this organisation endorses this question already',
      nl: 'deze organisatie onderschrijft deze vraag al',
    },
  }
}
