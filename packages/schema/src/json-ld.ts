/**
 * The JSON-LD context of Polder records, generated from the LD term definitions on the
 * zod schemas (ld.ts). Fields map to schema.org; the data sets of findings to DCAT. A
 * record as linked data (IRIs, Turtle, N-Triples) is `@polder/formats`' `toLinkedData`.
 */
import * as z from 'zod'
import { KIND_SCHEMAS, type RecordKind } from './kinds/index.js'
import { tombstoneObject } from './kinds/tombstone.js'
import { once } from './lazy.js'
import { type LdTerm, ldRegistry } from './ld.js'
import type { RELATION_TYPES } from './vocabularies/lists.js'

const PREFIXES = {
  schema: 'https://schema.org/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

/** schema.org type of each kind. */
export const KIND_TYPES: Record<RecordKind, string> = {
  practice: 'schema:HowTo',
  lesson: 'schema:Article',
  finding: 'schema:ScholarlyArticle',
  initiative: 'schema:Project',
  lab: 'schema:Place',
  adoption: 'schema:Action',
  organization: 'schema:Organization',
  vouch: 'schema:EndorseAction',
  question: 'schema:Question',
  endorsement: 'schema:LikeAction',
}

/** In JSON-LD each relation type is a property whose values are record references. */
export const RELATION_PROPERTIES: Record<(typeof RELATION_TYPES)[number]['code'], string> = {
  replicates: 'schema:isBasedOn',
  lessonOf: 'schema:about',
  cites: 'schema:citation',
  partOf: 'schema:isPartOf',
  supersedes: 'dct:replaces',
  answers: 'schema:parentItem',
  endorses: 'schema:target',
}

type TermDefinition = string | Record<string, unknown>
type Context = Record<string, TermDefinition | number>

/** Fields the generator treats itself: the discriminator and the relations list. */
const SPECIAL_FIELDS = new Set(['kind', 'relations'])

/** Peels optional/default/array wrappers, collecting the first LD term found on the way. */
function unwrap(schema: z.ZodType): { term: LdTerm | undefined; inner: z.ZodType } {
  let current: z.ZodType = schema
  let term = ldRegistry.get(current)
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType
    } else if (current instanceof z.ZodArray) {
      current = current.element as z.ZodType
    } else {
      break
    }
    term ??= ldRegistry.get(current)
  }
  return { term, inner: current }
}

class ContextBuilder {
  readonly nodeTypes = new Map<string, string>()

  /** Adds the terms of an object's fields to `context`; nested objects recurse. */
  addShape(context: Context, shape: Record<string, z.ZodType>, where: string): void {
    for (const [field, schema] of Object.entries(shape)) {
      if (SPECIAL_FIELDS.has(field) && where.split('.').length === 1) continue
      const { term, inner } = unwrap(schema)
      if (term === undefined) throw new Error(`No JSON-LD term for ${where}.${field}`)
      const { scoped, nodeType, ...definition } = term
      let full: Record<string, unknown> = { ...definition }
      if (inner instanceof z.ZodObject) {
        if (scoped === true) {
          const nested: Context = {}
          this.addShape(nested, inner.shape as Record<string, z.ZodType>, `${where}.${field}`)
          full = { ...full, '@context': nested }
        } else {
          this.addShape(context, inner.shape as Record<string, z.ZodType>, `${where}.${field}`)
        }
      }
      if (nodeType !== undefined) this.addNodeType(field, nodeType)
      this.addTerm(context, field, full)
    }
  }

  addTerm(context: Context, field: string, definition: Record<string, unknown>): void {
    const compact: TermDefinition =
      Object.keys(definition).length === 1 ? (definition['@id'] as string) : definition
    const existing = context[field]
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(compact)) {
      throw new Error(`JSON-LD term ${field} is defined twice, differently`)
    }
    context[field] = compact
  }

  addNodeType(field: string, nodeType: string): void {
    const existing = this.nodeTypes.get(field)
    if (existing !== undefined && existing !== nodeType) {
      throw new Error(`JSON-LD node type of ${field} is defined twice, differently`)
    }
    this.nodeTypes.set(field, nodeType)
  }
}

/**
 * The context of every kind; building it also checks that each field has one term and
 * one node type (`@polder/formats` types the nodes of its linked data by the same terms).
 */
function buildContext(): Context {
  const builder = new ContextBuilder()
  const context: Context = { '@version': 1.1, ...PREFIXES, kind: 'schema:additionalType' }
  for (const [kind, schema] of Object.entries(KIND_SCHEMAS)) {
    builder.addShape(context, schema.shape as Record<string, z.ZodType>, kind)
  }
  builder.addShape(context, tombstoneObject().shape as Record<string, z.ZodType>, 'tombstone')
  for (const [type, iri] of Object.entries(RELATION_PROPERTIES)) {
    builder.addTerm(context, type, { '@id': iri, '@type': '@id' })
  }
  return context
}

/**
 * The JSON-LD context of every Polder record (JSON-LD 1.1), built at the first call (it
 * builds every kind's schema) and the same object at every call after.
 */
export const jsonLdContext: () => Readonly<Context> = once(buildContext)
