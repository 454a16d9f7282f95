/** RDF/XML read back with rdfxml-streaming-parser, and graphs compared canonically. */
import jsonld from 'jsonld'
import { type Quad, Writer } from 'n3'
import { RdfXmlParser } from 'rdfxml-streaming-parser'

/** The quads of an RDF/XML document, as a conforming streaming parser reads them. */
export function parseRdfXml(xml: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser()
    parser.on('data', (quad: Quad) => quads.push(quad))
    parser.on('error', reject)
    parser.on('end', () => resolve(quads))
    parser.write(xml)
    parser.end()
  })
}

/** A graph's canonical N-Quads (RDF Dataset Canonicalization, URDNA2015): equal for equal graphs. */
export async function canonical(quads: readonly Quad[]): Promise<string> {
  const writer = new Writer({ format: 'N-Quads' })
  writer.addQuads([...quads])
  const nquads = await new Promise<string>((resolve, reject) =>
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))),
  )
  // @types/jsonld types the input as a document only; jsonld reads N-Quads by inputFormat
  return (await jsonld.canonize(
    nquads as never,
    {
      algorithm: 'URDNA2015',
      inputFormat: 'application/n-quads',
      format: 'application/n-quads',
    } as never,
  )) as unknown as string
}
