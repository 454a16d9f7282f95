/**
 * Feeds of any search: `GET /v1/feed.atom`, `/v1/feed.rss` and `/v1/feed.json` take the
 * search's query parameters (q, kind, theme, org, province, …), so every search, theme or
 * organisation is a feed. Titles and summaries in the language of `Accept-Language`
 * (Dutch or English; Dutch by default).
 */
import { ROUTES } from '@polder/api'
import type { FeedFormat } from '@polder/formats'
import { formatRef, isTombstone, type RecordState } from '@polder/schema'
import type { SearchQuery } from '@polder/search'
import type { Store } from '@polder/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SearchService } from '../parts/search.js'
import { routeAdder } from './contract-route.js'
import { loadFormats } from './formats-module.js'
import { irisFor } from './linked-data.js'

export interface FeedRoutesInit {
  readonly store: Store
  readonly search: SearchService
  readonly publicUrl: string | undefined
  readonly token: string
}

const FEEDS = [
  ['atom', 'atom', ROUTES.getFeedAtom],
  ['rss', 'rss', ROUTES.getFeedRss],
  ['json', 'json', ROUTES.getFeedJson],
] as const satisfies readonly (readonly [string, FeedFormat, unknown])[]

function language(request: FastifyRequest): 'nl' | 'en' {
  const header = request.headers['accept-language'] ?? ''
  const first = header.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'nl'
}

export function feedRoutes({ store, search, publicUrl, token }: FeedRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    for (const [extension, format, spec] of FEEDS) {
      add(spec, async (request, reply) => {
        const query: SearchQuery = request.query
        const result = search.search({ ...query, sort: query.sort ?? 'date' })
        const records = result.hits.flatMap((hit): RecordState[] => {
          const state = store.get(formatRef(hit))
          return state === undefined ? [] : [state]
        })
        const f = await loadFormats()
        const iris = irisFor(f, publicUrl, request)
        const queryString = request.url.includes('?')
          ? request.url.slice(request.url.indexOf('?'))
          : ''
        const lang = language(request)
        const names = new Map<string, string | undefined>()
        const body = f.writeFeed(
          records,
          {
            iris,
            title: feedTitle(query, lang),
            self: `${iris.base}/v1/feed.${extension}${queryString}`,
            link: `${iris.base}/${queryString}`,
            language: lang,
            authorName: (did) => {
              if (!names.has(did)) {
                const [profile] = store.list({ author: did, kind: 'organization', limit: 1 })
                names.set(
                  did,
                  profile === undefined || isTombstone(profile)
                    ? undefined
                    : (profile.title[lang] ?? Object.values(profile.title)[0]),
                )
              }
              return names.get(did)
            },
          },
          format,
        )
        return reply.type(`${f.FEED_MEDIA_TYPES[format]}; charset=utf-8`).send(body)
      })
    }
  }
}

function feedTitle(query: SearchQuery, lang: 'nl' | 'en'): string {
  const parts = [
    ...(query.text === undefined ? [] : [`“${query.text}”`]),
    ...Object.entries(query.filters ?? {}).map(
      ([facet, values]) => `${facet}: ${[values].flat().join(', ')}`,
    ),
  ]
  const base = lang === 'nl' ? 'Polder: nieuwste kennis' : 'Polder: latest knowledge'
  return parts.length === 0 ? base : `${base} (${parts.join('; ')})`
}
