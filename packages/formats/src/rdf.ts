/**
 * JSON-LD to RDF: Turtle and N-Triples, via the JSON-LD processor's RDF conversion and
 * n3's writer (prefixes from the context, so Turtle stays readable).
 */
import jsonld from 'jsonld'
import { Parser, type Quad, Writer } from 'n3'
import { NS } from './constants.js'
import { offlineLoader } from './document-loader.js'

export type RdfFormat = 'turtle' | 'n-triples'

/** Prefixes Turtle output declares. */
export const TURTLE_PREFIXES: Record<string, string> = { ...NS }

/** The RDF quads (default graph) of a JSON-LD document. */
export async function toQuads(doc: unknown): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(
    doc as jsonld.JsonLdDocument,
    {
      format: 'application/n-quads',
      documentLoader: offlineLoader as never,
      safe: true,
    } as jsonld.Options.ToRdf,
  )) as unknown as string
  return new Parser({ format: 'N-Quads' }).parse(nquads)
}

/** Quads written as Turtle or N-Triples. */
export function writeQuads(
  quads: readonly Quad[],
  format: RdfFormat,
  prefixes: Record<string, string> = TURTLE_PREFIXES,
): Promise<string> {
  const writer =
    format === 'turtle'
      ? new Writer({ format: 'Turtle', prefixes })
      : new Writer({ format: 'N-Triples' })
  writer.addQuads([...quads])
  return new Promise((resolve, reject) => {
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result)))
  })
}

/** A JSON-LD document as Turtle or N-Triples. */
export async function serialiseRdf(doc: unknown, format: RdfFormat): Promise<string> {
  return writeQuads(await toQuads(doc), format)
}
