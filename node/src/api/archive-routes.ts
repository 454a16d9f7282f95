/**
 * `GET /v1/archive` streams everything the node holds (every log's signed entries) as a
 * whole-node archive; `POST /v1/archive` imports one, read line by line from the request
 * and joined through the store's verified join, all or nothing.
 */
import { Readable } from 'node:stream'
import { ROUTES } from '@polder/api'
import { ARCHIVE_MEDIA_TYPE, archiveLines, importArchive, linesOf, type Store } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import { routeAdder } from './contract-route.js'
import { problem } from './problem.js'

export interface ArchiveRoutesInit {
  readonly store: Store
  readonly token: string
}

export function archiveRoutes({ store, token }: ArchiveRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    // the archive is read as it arrives, a line at a time, not as one body in memory
    app.addContentTypeParser(ARCHIVE_MEDIA_TYPE, (_request, payload, done) => done(null, payload))

    const add = routeAdder(app, { token })
    add(ROUTES.exportArchive, async (_request, reply) => {
      const name = `polder-archive-${new Date().toISOString().slice(0, 10)}.jsonl`
      return reply
        .type(`${ARCHIVE_MEDIA_TYPE}; charset=utf-8`)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Readable.from(archiveLines(store)))
    })

    add(ROUTES.importArchive, async (request, reply) => {
      if (!(request.body instanceof Readable)) {
        return reply
          .code(415)
          .type('application/problem+json')
          .send(
            problem(415, 'unsupported-media-type', `Send the archive as ${ARCHIVE_MEDIA_TYPE}`, {
              problems: [
                {
                  path: '',
                  code: 'unsupported-media-type',
                  message: {
                    en: `send the archive as ${ARCHIVE_MEDIA_TYPE}`,
                    nl: `stuur het archief als ${ARCHIVE_MEDIA_TYPE}`,
                  },
                },
              ],
            }),
          )
      }
      const logs = await importArchive(store, linesOf(request.body))
      return reply.code(201).send({ logs })
    })
  }
}
