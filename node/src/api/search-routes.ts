/**
 * Search over everything this node holds: `GET /v1/search` with the query in the URL and
 * `POST /v1/search` with the query as JSON, both mapped by the contract onto the search
 * package's one query schema. Both answer with the index's state, so a client can say
 * when results are still partial (a rebuild in progress).
 */
import { ROUTES } from '@polder/api'
import type { SearchQuery } from '@polder/search'
import type { FastifyInstance } from 'fastify'
import type { SearchService } from '../parts/search.js'
import { routeAdder } from './contract-route.js'

export interface SearchRoutesInit {
  readonly search: SearchService
  readonly token: string
}

export function searchRoutes({ search, token }: SearchRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    const answer = (query: SearchQuery) => ({ ...search.search(query), index: search.status })
    add(ROUTES.searchRecords, async (request) => answer(request.query))
    add(ROUTES.searchRecordsByBody, async (request) => answer(request.body))
    add(ROUTES.getSearchStatus, async () => search.status)
  }
}
