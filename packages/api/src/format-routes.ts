/**
 * Open formats: records as linked data at their IRIs, the DCAT-AP catalogue, the themes as
 * SKOS, feeds and CSV of any search, CSV import, and OAI-PMH (docs/formats.md).
 */
import { formats, lazySchema, RECORD_KINDS, type RecordKind } from '@polder/schema'
import * as z from 'zod'
import { recordStateSchema } from './common.js'
import { json, route } from './route.js'
import { searchParams } from './search-routes.js'

const tags = ['formats']
const LINKED_DATA = ['application/ld+json', 'text/turtle', 'application/n-triples']
const CITATIONS = [
  'application/vnd.citationstyles.csl+json',
  'application/x-bibtex',
  'application/x-research-info-systems',
  'application/vnd.datacite.datacite+xml',
]
/** What a record's answer may be besides JSON, by `Accept`. */
export const RECORD_MEDIA_TYPES = [...LINKED_DATA, ...CITATIONS] as const

const KINDS = RECORD_KINDS.map((kind) => kind.code) as [RecordKind, ...RecordKind[]]
const flag = lazySchema(() => z.enum(['true', 'false']).transform((value) => value === 'true'))

const csvProblem = lazySchema(() =>
  z.object({
    row: z.number().int(),
    column: z.string().optional(),
    text: z.strictObject({ nl: z.string(), en: z.string() }),
  }),
)
const importAnswer = lazySchema(() =>
  z.object({
    rows: z.number().int(),
    valid: z.number().int(),
    problems: z.array(csvProblem),
    written: z.number().int(),
    records: z.array(z.string()).optional(),
  }),
)

const feed = (name: string, mediaType: string) =>
  route({
    method: 'GET',
    path: `/v1/feed.${name}`,
    summary: `A search as a ${name === 'json' ? 'JSON Feed 1.1' : name === 'rss' ? 'RSS 2.0' : 'Atom 1.0'} feed, newest first (the search's parameters)`,
    tags,
    query: searchParams,
    responses: { 200: { description: 'The feed', mediaType, stream: true } },
  })

export const formatRoutes = {
  getRecordAtIri: route({
    method: 'GET',
    path: '/records/{did}/{id}',
    summary:
      'A record at its IRI: JSON, JSON-LD, Turtle, N-Triples or a citation by Accept; a browser gets the viewer page',
    tags,
    params: lazySchema(() => z.strictObject({ did: formats.did(), id: formats.recordId() })),
    responses: {
      200: {
        description: 'The record, tombstone included',
        schema: recordStateSchema,
        alsoAs: [...RECORD_MEDIA_TYPES, 'text/html'],
      },
    },
  }),
  getCatalog: route({
    method: 'GET',
    path: '/v1/catalog',
    summary:
      'The node’s DCAT-AP 3.0 catalogue, streamed (Turtle, JSON-LD, N-Triples or RDF/XML by Accept)',
    tags,
    responses: {
      200: {
        description: 'The catalogue',
        mediaType: 'text/turtle',
        stream: true,
        alsoAs: ['application/ld+json', 'application/n-triples', 'application/rdf+xml'],
      },
    },
  }),
  getThemes: route({
    method: 'GET',
    path: '/v1/themes',
    summary: 'The themes as a SKOS concept scheme (nl/en labels, SDGs, EU data themes)',
    tags,
    responses: {
      200: {
        description: 'The concept scheme',
        mediaType: 'application/ld+json',
        stream: true,
        alsoAs: ['application/json', 'text/turtle', 'application/n-triples'],
      },
    },
  }),
  getFeedAtom: feed('atom', 'application/atom+xml'),
  getFeedRss: feed('rss', 'application/rss+xml'),
  getFeedJson: feed('json', 'application/feed+json'),
  exportCsv: route({
    method: 'GET',
    path: '/v1/export.csv',
    summary: 'Every record a search matches as CSV (UTF-8 with BOM), one row per record',
    tags,
    query: searchParams,
    responses: { 200: { description: 'The CSV file', mediaType: 'text/csv', stream: true } },
  }),
  getCsvTemplate: route({
    method: 'GET',
    path: '/v1/template.csv',
    summary: 'An empty CSV of a kind: its columns and one example row',
    tags,
    query: lazySchema(() => z.strictObject({ kind: z.enum(KINDS) })),
    responses: { 200: { description: 'The CSV file', mediaType: 'text/csv', stream: true } },
  }),
  importCsv: route({
    method: 'POST',
    path: '/v1/import',
    summary:
      'Publish the rows of a CSV file (text/csv) as records, all or nothing (422 with every row’s problems)',
    tags,
    auth: true,
    bodyMediaType: 'text/csv',
    query: lazySchema(() =>
      z.strictObject({
        kind: z.enum(KINDS).describe('The kind of every row'),
        dryRun: flag.optional().describe('Check only; write nothing'),
        skipInvalid: flag.optional().describe('Write the valid rows and report the rest'),
      }),
    ),
    responses: {
      200: json(importAnswer, 'Checked (a dry run), nothing written'),
      201: json(importAnswer, 'Written'),
    },
  }),
  oaiGet: route({
    method: 'GET',
    path: '/oai',
    summary:
      'OAI-PMH 2.0: Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord (oai_dc, oai_datacite)',
    tags,
    responses: { 200: { description: 'An OAI-PMH response', mediaType: 'text/xml', stream: true } },
  }),
  oaiPost: route({
    method: 'POST',
    path: '/oai',
    summary: 'OAI-PMH 2.0 with the arguments as a form body',
    tags,
    bodyMediaType: 'application/x-www-form-urlencoded',
    responses: { 200: { description: 'An OAI-PMH response', mediaType: 'text/xml', stream: true } },
  }),
} as const
