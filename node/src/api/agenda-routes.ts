/**
 * The collective's agenda: the overview of what a search selects, and for a record the
 * related work of every kind (more like this, plus its explicit relations both ways) and,
 * for a question, the organisations whose findings, labs and practices are on its themes
 * in or near its region.
 */
import { ROUTES } from '@polder/api'
import { formatRef, isTombstone, MUNICIPALITIES, type PolderRecord } from '@polder/schema'
import type { Store } from '@polder/store'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SearchService } from '../parts/search.js'
import { routeAdder } from './contract-route.js'
import { problem } from './problem.js'

export interface AgendaRoutesInit {
  readonly store: Store
  readonly search: SearchService
  readonly token: string
}

const PROVINCE_OF = new Map<string, string>(MUNICIPALITIES.map((m) => [m.code, m.province]))
const ANSWERING_KINDS = ['finding', 'lab', 'practice']
/** Related work: every kind of work, not profiles, vouches or endorsements. */
const WORK_KINDS = ['practice', 'lesson', 'finding', 'initiative', 'lab', 'adoption', 'question']
/** Organisations named as possible answerers of a question. */
const MAX_ANSWERERS = 10

const notFound = (reply: FastifyReply) =>
  reply
    .code(404)
    .type('application/problem+json')
    .send(problem(404, 'record-not-found', 'No such record'))

export function agendaRoutes({ store, search, token }: AgendaRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })

    add(ROUTES.getOverview, async (request) => ({
      ...search.overview(request.query),
      index: search.status,
    }))

    add(ROUTES.getSimilarRecords, async (request, reply) => {
      const state = store.get(request.params.id)
      if (state === undefined || isTombstone(state)) return notFound(reply)
      return {
        similar: search.similar(state, {
          limit: request.query.limit ?? 10,
          filters: { kind: WORK_KINDS },
        }),
        related: relatedOf(store, state),
        answerers: state.kind === 'question' ? answerersOf(search, state) : [],
      }
    })
  }
}

/** The explicit relations of a record, both ways, to live records this node holds. */
function relatedOf(store: Store, record: PolderRecord) {
  const live = (ref: string) => {
    const target = store.get(ref)
    return target === undefined || isTombstone(target) ? undefined : target
  }
  const outgoing = record.relations.flatMap((relation) => {
    const target = live(relation.target)
    if (target === undefined) return []
    const { type } = relation
    return [
      {
        ref: relation.target,
        type,
        direction: 'outgoing' as const,
        kind: target.kind,
        title: target.title,
      },
    ]
  })
  const incoming = store.relatedTo(formatRef(record)).flatMap(({ author, id, type }) => {
    const ref = formatRef({ author, id })
    const source = live(ref)
    if (source === undefined) return []
    return [{ ref, type, direction: 'incoming' as const, kind: source.kind, title: source.title }]
  })
  return [...outgoing, ...incoming]
}

/**
 * Who could answer a question: organisations other than the asker with findings, labs or
 * practices on its themes, in the provinces of its places (its region); anywhere in the
 * country when it names no place or nobody in the region works on it.
 */
function answerersOf(search: SearchService, question: PolderRecord) {
  const provinces = [
    ...new Set(
      question.places.flatMap((place) => {
        const province =
          place.province ??
          (place.municipality === undefined ? undefined : PROVINCE_OF.get(place.municipality))
        return province === undefined ? [] : [province]
      }),
    ),
  ]
  const ask = (province: string[] | undefined) =>
    (
      search.search({
        filters: {
          kind: ANSWERING_KINDS,
          ...(question.themes.length > 0 ? { theme: question.themes } : {}),
          ...(province === undefined ? {} : { province }),
        },
        facets: ['organization'],
        limit: 1,
      }).facets.organization ?? []
    ).filter((facet) => facet.value !== question.author)
  let found = provinces.length > 0 ? ask(provinces) : []
  if (found.length === 0) found = ask(undefined)
  return found.slice(0, MAX_ANSWERERS).map((facet) => ({
    did: facet.value,
    ...(facet.label === undefined ? {} : { name: facet.label }),
    records: facet.count,
  }))
}
