/** The node's data as react-query hooks; live events invalidate these keys (see live.tsx). */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { ApiError, node } from '../lib/api'
import type { JsonSchema } from '../lib/form-model'
import type { OverviewRecord } from '../lib/overview'
import { apiParams, type SearchState } from '../lib/search-state'
import type { RecordState } from '../lib/types'

const PAGE = 20
/** Values per facet in the filter panel; the long tail is one click away. */
const FACET_LIMIT = 50

export const useStatus = () =>
  useQuery({
    queryKey: ['status'],
    queryFn: ({ signal }) => node.getStatus({}, { signal }),
    refetchInterval: 10_000,
  })

export const useVocabularies = () =>
  useQuery({
    queryKey: ['vocabularies'],
    queryFn: ({ signal }) => node.getVocabularies({}, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useSchema = (kind: string | undefined) =>
  useQuery({
    queryKey: ['schema', kind],
    queryFn: async ({ signal }) =>
      (await node.getKindSchema({ params: { kind: kind ?? '' } }, { signal })) as JsonSchema,
    enabled: kind !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useOrgs = () =>
  useQuery({
    queryKey: ['orgs'],
    queryFn: ({ signal }) => node.listOrgs({}, { signal }),
  })

export const useOrg = (did: string) =>
  useQuery({
    queryKey: ['orgs', did],
    queryFn: ({ signal }) => node.getOrg({ params: { did } }, { signal }),
  })

export const useSearch = (state: SearchState, extra: { limit?: number } = {}) =>
  useInfiniteQuery({
    queryKey: ['search', state, extra.limit],
    queryFn: ({ signal, pageParam }) =>
      node.searchRecords(
        {
          query: apiParams(state, {
            limit: extra.limit ?? PAGE,
            facetLimit: FACET_LIMIT,
            ...(pageParam === undefined ? {} : { cursor: pageParam }),
          }),
        },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.cursor,
    // the old results stay while the next keystroke's arrive: no flicker as you type
    placeholderData: keepPreviousData,
  })

export const useRecord = (ref: string) =>
  useQuery({
    queryKey: ['record', ref],
    queryFn: ({ signal }) => node.getRecord({ params: { id: ref } }, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  })

export const useHistory = (ref: string) =>
  useQuery({
    queryKey: ['record', ref, 'history'],
    queryFn: ({ signal }) => node.getRecordHistory({ params: { id: ref } }, { signal }),
  })

/** `null` when this node's API has no such route (an older node): the page says "not available". */
function optional<T>(answer: Promise<T>): Promise<T | null> {
  return answer.catch((error: unknown) => {
    if (
      error instanceof ApiError &&
      error.status === 404 &&
      error.problem?.type.endsWith(':not-found')
    )
      return null
    throw error
  })
}

export const useProvenance = (ref: string) =>
  useQuery({
    queryKey: ['record', ref, 'provenance'],
    queryFn: ({ signal }) =>
      optional(node.getRecordProvenance({ params: { id: ref } }, { signal })),
  })

export const useRelated = (ref: string) =>
  useQuery({
    queryKey: ['record', ref, 'related'],
    queryFn: ({ signal }) => optional(node.getRelatedRecords({ params: { id: ref } }, { signal })),
  })

export const usePeers = () =>
  useQuery({
    queryKey: ['peers'],
    queryFn: ({ signal }) => node.listPeers({}, { signal }),
    // connections have no events of their own
    refetchInterval: 5_000,
  })

export const useSync = () =>
  useQuery({
    queryKey: ['sync'],
    queryFn: ({ signal }) => node.getSync({}, { signal }),
    refetchInterval: 10_000,
  })

/** Per organisation at most this many records per request; more pages follow `next`. */
const LIST_LIMIT = 10_000

async function recordsOf(author: string, signal: AbortSignal): Promise<RecordState[]> {
  const out: RecordState[] = []
  let after: string | undefined
  for (;;) {
    const query = { author, limit: LIST_LIMIT, ...(after ? { after } : {}) }
    const page = await node.listRecords({ query }, { signal })
    out.push(...page.records)
    if (page.records.length < LIST_LIMIT || page.next === undefined) return out
    after = page.next
  }
}

/**
 * Every live record this node holds, for the overview: one list per organisation. Fine
 * for the collective's size today; a node-side aggregate would replace it at scale.
 */
export const useAllRecords = () =>
  useQuery({
    queryKey: ['all-records'],
    queryFn: async ({ signal }) => {
      const { organizations } = await node.listOrgs({}, { signal })
      const lists = await Promise.all(
        organizations
          .filter((org) => !org.blocked && org.records > 0)
          .map((org) => recordsOf(org.did, signal)),
      )
      return lists.flat().filter((record) => !('reason' in record)) as unknown as OverviewRecord[]
    },
    staleTime: 30_000,
  })
