/**
 * Spreadsheets in and out: `GET /v1/export.csv` with the search's parameters (every
 * matching record, page by page, streamed), `GET /v1/template.csv?kind=` and
 * `POST /v1/import?kind=&dryRun=&skipInvalid=` with a CSV body: every row checked, every
 * problem by row and column in Dutch and English, nothing written unless every row is
 * valid (or, with skipInvalid, the valid rows), all in one bulk write.
 */
import { Readable } from 'node:stream'
import { ROUTES } from '@polder/api'
import { formatRef, RECORD_KINDS, type RecordKind, type RecordState } from '@polder/schema'
import type { SearchQuery } from '@polder/search'
import type { PublishInput, Store } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import type { SearchService } from '../parts/search.js'
import { routeAdder } from './contract-route.js'
import { loadFormats } from './formats-module.js'
import { problem } from './problem.js'

export interface CsvRoutesInit {
  readonly store: Store
  readonly search: SearchService
  readonly token: string
}

const KINDS = RECORD_KINDS.map((kind) => kind.code) as [RecordKind, ...RecordKind[]]

/** Every record a search matches, page by page (the search gives at most 100 a page). */
function* matching(
  search: SearchService,
  store: Store,
  query: SearchQuery,
): Generator<RecordState> {
  let cursor: string | undefined
  for (;;) {
    const page = search.search({
      ...query,
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    })
    for (const hit of page.hits) {
      const state = store.get(formatRef(hit))
      if (state !== undefined) yield state
    }
    if (page.cursor === undefined || page.hits.length === 0) return
    cursor = page.cursor
  }
}

export function csvRoutes({ store, search, token }: CsvRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser(
      ['text/csv', 'application/csv'],
      { parseAs: 'buffer' },
      (_request, body, done) => done(null, body),
    )

    const add = routeAdder(app, { token })
    add(ROUTES.exportCsv, async (request, reply) => {
      const f = await loadFormats()
      const query: SearchQuery = request.query
      const kinds = (query.filters?.kind ?? KINDS)
        .map(String)
        .filter((k): k is RecordKind => KINDS.includes(k as RecordKind))
      const columns = f.exportColumns(kinds.length > 0 ? kinds : KINDS)
      const lines = f.csvLines(
        matching(search, store, { ...query, sort: query.sort ?? 'date' }),
        columns,
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="polder-export.csv"')
        .send(Readable.from(lines))
    })

    add(ROUTES.getCsvTemplate, async (request, reply) => {
      const { kind } = request.query
      const [example] = store.list({ kind, limit: 1 })
      const f = await loadFormats()
      return reply.type('text/csv; charset=utf-8').send(f.csvTemplate(kind, example))
    })

    add(ROUTES.importCsv, async (request, reply) => {
      const { kind, dryRun = false, skipInvalid = false } = request.query
      if (!Buffer.isBuffer(request.body)) {
        return reply
          .code(415)
          .type('application/problem+json')
          .send(problem(415, 'unsupported-media-type', 'Send the file as text/csv'))
      }
      const f = await loadFormats()
      const read = f.readCsv(request.body, kind)
      const problems = read.problems.map((p) => ({
        ...p,
        text: { nl: f.describeProblem(p, 'nl'), en: f.describeProblem(p, 'en') },
      }))
      const summary = { rows: read.rows, valid: read.records.length, problems }
      if (problems.length > 0 && !skipInvalid) {
        // RFC 9457, each problem at its row and column: /rows/12/budget_amount
        return reply
          .code(422)
          .type('application/problem+json')
          .send(
            problem(422, 'invalid-csv', 'The file has problems: nothing was written', {
              detail: `${problems.length} problems in ${read.rows} rows; the first: ${problems[0]?.text.en}`,
              problems: problems.map((p) => ({
                path: `/rows/${p.row}${p.column === undefined ? '' : `/${p.column}`}`,
                code: p.code,
                message: p.text,
              })),
            }),
          )
      }
      if (dryRun || read.records.length === 0) return { ...summary, written: 0 }
      const written = await store.publishMany(read.records.map((r) => r.input as PublishInput))
      return reply.code(201).send({
        ...summary,
        written: written.length,
        records: written.map((record) => formatRef(record)),
      })
    })
  }
}
