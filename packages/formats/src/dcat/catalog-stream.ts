/**
 * The DCAT-AP 3.0 catalogue as a stream: quads in batches (the catalogue, then the data
 * sets of one record at a time), written as Turtle, N-Triples, JSON-LD or RDF/XML while
 * records are read, so memory does not grow with the number of records.
 */
import { Readable } from 'node:stream'
import type { RecordState } from '@polder/schema'
import jsonld from 'jsonld'
import { type Quad, StreamWriter, Writer } from 'n3'
import { MEDIA_TYPES } from '../constants.js'
import { TURTLE_PREFIXES } from '../rdf.js'
import { rdfXmlChunks } from '../rdf-xml.js'
import { type CatalogInit, catalogHeader } from './catalog-header.js'
import { datasetQuads, Typed } from './dataset-quads.js'

/** Media types of the catalogue, Turtle (the DCAT-AP harvesters' favourite) first. */
export const CATALOG_MEDIA_TYPES = [
  MEDIA_TYPES.turtle,
  MEDIA_TYPES.jsonLd,
  MEDIA_TYPES.nTriples,
  MEDIA_TYPES.rdfXml,
] as const
export type CatalogMediaType = (typeof CATALOG_MEDIA_TYPES)[number]

type Records = Iterable<RecordState> | AsyncIterable<RecordState>

/** The catalogue's quads, one batch per record that has data sets. */
export async function* catalogBatches(init: CatalogInit, records: Records): AsyncGenerator<Quad[]> {
  yield catalogHeader(init).quads
  const typedOnce = new Typed()
  for await (const record of records) {
    const { quads } = datasetQuads(record, init, typedOnce)
    if (quads.length > 0) yield quads
  }
}

async function* flat(batches: AsyncIterable<Quad[]>): AsyncGenerator<Quad> {
  for await (const batch of batches) yield* batch
}

function nquads(quads: Quad[]): Promise<string> {
  const writer = new Writer({ format: 'N-Quads' })
  writer.addQuads(quads)
  return new Promise((resolve, reject) =>
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))),
  )
}

/** Expanded JSON-LD, one batch of node objects at a time, in one `@graph`. */
async function* jsonLdChunks(batches: AsyncIterable<Quad[]>): AsyncGenerator<string> {
  yield '{"@graph":['
  let first = true
  for await (const batch of batches) {
    const nodes = await jsonld.fromRDF(await nquads(batch), { format: 'application/n-quads' })
    for (const node of nodes) {
      yield `${first ? '' : ','}\n${JSON.stringify(node)}`
      first = false
    }
  }
  yield '\n]}\n'
}

/** The catalogue in a media type of {@link CATALOG_MEDIA_TYPES}, as a readable stream. */
export function catalogStream(
  init: CatalogInit,
  records: Records,
  mediaType: CatalogMediaType,
): Readable {
  const batches = catalogBatches(init, records)
  if (mediaType === MEDIA_TYPES.jsonLd) return Readable.from(jsonLdChunks(batches))
  if (mediaType === MEDIA_TYPES.rdfXml) return Readable.from(rdfXmlChunks(batches, TURTLE_PREFIXES))
  const format = mediaType === MEDIA_TYPES.turtle ? 'Turtle' : 'N-Triples'
  const writer = new StreamWriter({
    format,
    ...(format === 'Turtle' ? { prefixes: TURTLE_PREFIXES } : {}),
  })
  const source = Readable.from(flat(batches))
  source.on('error', (error) => writer.destroy(error))
  return source.pipe(writer) as unknown as Readable
}
