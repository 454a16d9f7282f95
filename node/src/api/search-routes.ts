/**
 * Search over everything this node holds: `GET /v1/search` with the query in the URL (a
 * link a browser can bookmark) and `POST /v1/search` with the search package's
 * `SearchQuery` as a JSON body. Both answer with the index's state, so a client can say
 * when results are still partial (a rebuild in progress).
 */
import type { SearchQuery } from '@polder/search'
import type { FastifyInstance } from 'fastify'
import type { SearchService } from '../search.js'
import { describe } from './openapi.js'
import { searchBody, searchQuery } from './schemas.js'

export interface SearchRoutesInit {
  readonly search: SearchService
}

export function searchRoutes({ search }: SearchRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const answer = (query: SearchQuery) => ({ ...search.search(query), index: search.status })
    const summary = 'Full-text search with facets over every record this node holds'

    app.get<{ Querystring: SearchQuery }>(
      '/v1/search',
      { schema: describe({ summary, tags: ['search'], querystring: searchQuery }) },
      async (request) => answer(request.query),
    )

    app.post<{ Body: SearchQuery }>(
      '/v1/search',
      { schema: describe({ summary, tags: ['search'], body: searchBody }) },
      async (request) => answer(request.body),
    )

    app.get(
      '/v1/search/status',
      { schema: describe({ summary: 'The search index: ready or rebuilding', tags: ['search'] }) },
      async () => search.status,
    )
  }
}
