/**
 * The whole-node archive: everything a node holds (every log's signed entries) out, and
 * into another node through the same verified join as replication (docs/formats.md).
 */
import { lazySchema } from '@polder/schema'
import * as z from 'zod'
import { json, route } from './route.js'

const tags = ['archive']
export const ARCHIVE_MEDIA_TYPE = 'application/x-ndjson'

const importedLog = lazySchema(() =>
  z.object({
    did: z.string().describe('The organisation whose log it is'),
    entries: z.number().int().describe('Entries new to this node, joined'),
    states: z.number().int().describe('Record states they carried (versions and tombstones)'),
    blocked: z.boolean().describe('Blocked here: nothing of this log was taken'),
  }),
)

export const archiveRoutes = {
  exportArchive: route({
    method: 'GET',
    path: '/v1/archive',
    summary:
      'Everything this node holds as one archive: every log’s signed entries and identities, as JSON Lines, streamed',
    tags,
    // no token: like every read, what it holds is public (signed entries any peer may pull)
    responses: {
      200: { description: 'The archive', mediaType: ARCHIVE_MEDIA_TYPE, stream: true },
    },
  }),
  importArchive: route({
    method: 'POST',
    path: '/v1/archive',
    summary:
      'Import an archive (application/x-ndjson): every entry verified as replication verifies it, all or nothing (422 naming the line and entry refused)',
    tags,
    auth: true,
    body: lazySchema(() => z.unknown().describe('The archive, as `GET /v1/archive` gives it')),
    bodyMediaType: ARCHIVE_MEDIA_TYPE,
    responses: {
      201: json(
        lazySchema(() => z.object({ logs: z.array(importedLog) })),
        'Imported: what each log gained',
      ),
    },
  }),
} as const
