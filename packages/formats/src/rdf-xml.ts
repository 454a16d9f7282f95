/**
 * RDF/XML (W3C RDF 1.1 XML Syntax) written a batch of quads at a time, so a catalogue of
 * any size streams in constant memory. No maintained npm library serialises RDF/XML as a
 * stream, so this writer keeps to the plain subset every RDF/XML parser reads: one
 * `rdf:Description` per subject and batch (`rdf:about`, or `rdf:nodeID` for a blank node),
 * one property element per triple with `rdf:resource`, `rdf:nodeID`, or a literal with
 * `xml:lang` or `rdf:datatype`. Predicates are written as prefixed names of the given
 * namespaces, or of a namespace declared on the element when no prefix fits.
 */
import type { Quad, Term } from 'n3'

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string'
const LANG_STRING = `${RDF}langString`
/** An XML name without a colon (NCName), ASCII letters, digits, `_`, `-` and `.`. */
const NC_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

const text = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;')
const attribute = (value: string) =>
  text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;')

/** A blank node's label as an `rdf:nodeID` (an NCName), the same label for the same node. */
const nodeId = (label: string) => `b${label.replace(/[^A-Za-z0-9_.-]/g, '_')}`

export class RdfXmlWriter {
  readonly #prefixes: [string, string][]

  /** `prefixes`: prefix -> namespace IRI, declared on `rdf:RDF`. */
  constructor(prefixes: Readonly<Record<string, string>>) {
    this.#prefixes = Object.entries({ ...prefixes, rdf: RDF }).sort(
      ([, a], [, b]) => b.length - a.length,
    )
  }

  /** The XML declaration and the opening `rdf:RDF` with every namespace. */
  open(): string {
    const namespaces = this.#prefixes
      .map(([prefix, iri]) => `\n    xmlns:${prefix}="${attribute(iri)}"`)
      .join('')
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF${namespaces}>\n`
  }

  close(): string {
    return '</rdf:RDF>\n'
  }

  /** The descriptions of a batch of quads (default graph), subjects in order of appearance. */
  write(quads: readonly Quad[]): string {
    const bySubject = new Map<string, { subject: Term; quads: Quad[] }>()
    for (const quad of quads) {
      const key = `${quad.subject.termType}:${quad.subject.value}`
      const group = bySubject.get(key) ?? { subject: quad.subject, quads: [] }
      group.quads.push(quad)
      bySubject.set(key, group)
    }
    let out = ''
    for (const { subject, quads: properties } of bySubject.values()) {
      const about =
        subject.termType === 'BlankNode'
          ? `rdf:nodeID="${nodeId(subject.value)}"`
          : `rdf:about="${attribute(subject.value)}"`
      out += `  <rdf:Description ${about}>\n`
      for (const quad of properties) out += `    ${this.#property(quad)}\n`
      out += '  </rdf:Description>\n'
    }
    return out
  }

  #property(quad: Quad): string {
    const [name, declaration] = this.#name(quad.predicate.value)
    const object = quad.object
    if (object.termType === 'NamedNode')
      return `<${name}${declaration} rdf:resource="${attribute(object.value)}"/>`
    if (object.termType === 'BlankNode')
      return `<${name}${declaration} rdf:nodeID="${nodeId(object.value)}"/>`
    if (object.termType !== 'Literal')
      throw new Error(`RDF/XML has no form for a ${object.termType} object`)
    const datatype = object.datatype.value
    const annotation =
      object.language !== ''
        ? ` xml:lang="${attribute(object.language)}"`
        : datatype === XSD_STRING || datatype === LANG_STRING
          ? ''
          : ` rdf:datatype="${attribute(datatype)}"`
    return `<${name}${declaration}${annotation}>${text(object.value)}</${name}>`
  }

  /** A predicate as a qualified name, and the namespace declaration it needs, if any. */
  #name(iri: string): [string, string] {
    for (const [prefix, namespace] of this.#prefixes) {
      if (iri.startsWith(namespace) && NC_NAME.test(iri.slice(namespace.length)))
        return [`${prefix}:${iri.slice(namespace.length)}`, '']
    }
    // the longest tail that is a name: after the last '#' or '/', or fewer characters
    const match = /[A-Za-z_][A-Za-z0-9_.-]*$/.exec(iri)
    if (match === null || match.index === 0)
      throw new Error(`${iri} cannot be written as an RDF/XML property: no name ends it`)
    return [`p:${match[0]}`, ` xmlns:p="${attribute(iri.slice(0, match.index))}"`]
  }
}

/** RDF/XML of batches of quads, chunk by chunk: the opening, each batch, the closing. */
export async function* rdfXmlChunks(
  batches: AsyncIterable<readonly Quad[]> | Iterable<readonly Quad[]>,
  prefixes: Readonly<Record<string, string>>,
): AsyncGenerator<string> {
  const writer = new RdfXmlWriter(prefixes)
  yield writer.open()
  for await (const batch of batches) yield writer.write(batch)
  yield writer.close()
}
