/** The agenda's data from the node: the overview, similar records, the question board. */
import type { OutputOf, Routes } from '@polder/api'
import { useQuery } from '@tanstack/react-query'
import { node } from '../lib/api'

export type OverviewAnswer = OutputOf<Routes['getOverview']>
export type SimilarAnswer = OutputOf<Routes['getSimilarRecords']>

/** `GET /v1/overview` with the search's URL parameters (`{ kind: 'practice,initiative' }`). */
export const useOverview = (params: Readonly<Record<string, string>>) =>
  useQuery({
    queryKey: ['overview', params],
    queryFn: ({ signal }) => node.getOverview({ query: params }, { signal }),
  })

export const useSimilar = (ref: string) =>
  useQuery({
    queryKey: ['similar', ref],
    queryFn: ({ signal }) => node.getSimilarRecords({ params: { id: ref }, query: {} }, { signal }),
  })

/** Questions most endorsed and answered count per question reference, over everything held. */
const TALLY_LIMIT = '1000'

/**
 * The question board: open questions with the filters given, and the endorsements and
 * answers per question (counted by the node's search facets).
 */
export const useBoard = (filters: Readonly<Record<string, string>>) =>
  useQuery({
    queryKey: ['board', filters],
    queryFn: async ({ signal }) => {
      const [questions, tallies] = await Promise.all([
        node.searchRecords(
          { query: { ...filters, kind: 'question', status: 'open', limit: '100' } },
          { signal },
        ),
        node.searchRecords(
          {
            query: {
              kind: 'endorsement,finding,practice,lab',
              facets: 'endorses,answers',
              facetLimit: TALLY_LIMIT,
              limit: '1',
            },
          },
          { signal },
        ),
      ])
      const countOf = (facet: 'endorses' | 'answers') =>
        new Map((tallies.facets[facet] ?? []).map((entry) => [entry.value, entry.count]))
      return {
        questions: questions.hits,
        endorsements: countOf('endorses'),
        answers: countOf('answers'),
      }
    },
  })
