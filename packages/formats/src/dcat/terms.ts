/** RDF terms for building the catalogue: n3's data factory and the vocabularies used. */
import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3'
import { NS } from '../constants.js'

const { namedNode, literal, quad } = DataFactory

const vocab = (base: string) => (local: string) => namedNode(`${base}${local}`)

export const rdf = vocab(NS.rdf)
export const rdfs = vocab(NS.rdfs)
export const dcat = vocab(NS.dcat)
export const dct = vocab(NS.dct)
export const foaf = vocab(NS.foaf)
export const skos = vocab(NS.skos)
export const vcard = vocab(NS.vcard)
export const spdx = vocab(NS.spdx)
export const xsd = vocab(NS.xsd)

export const iri = (value: string) => namedNode(value)
export const text = (value: string, language?: string) => literal(value, language)
export const typed = (value: string, datatype: string) => literal(value, xsd(datatype))

/** Collects quads about subjects, with helpers for the common shapes. */
export class QuadBag {
  readonly quads: Quad[] = []

  add(subject: Quad_Subject, predicate: ReturnType<typeof namedNode>, object: Quad_Object): this {
    this.quads.push(quad(subject, predicate, object))
    return this
  }

  type(subject: Quad_Subject, type: ReturnType<typeof namedNode>): this {
    return this.add(subject, rdf('type'), type)
  }

  /** One literal per language of a language map. */
  langMap(
    subject: Quad_Subject,
    predicate: ReturnType<typeof namedNode>,
    map: Readonly<Record<string, string>>,
  ): this {
    for (const [language, value] of Object.entries(map))
      this.add(subject, predicate, text(value, language))
    return this
  }
}
