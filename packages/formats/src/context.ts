/**
 * The linked-data context Polder serves: the record model's JSON-LD context (generated
 * from its zod schemas in @polder/schema) with identifiers as IRIs, every list a `@set`,
 * the record's `polder://` reference and the order of its relations.
 */
import { jsonLdContext, RELATION_PROPERTIES } from '@polder/schema'
import { NS } from './constants.js'
import { listFields } from './json-schema-walk.js'

type Definition = string | Record<string, unknown>
export type Context = Record<string, Definition | number>

const asIri = (id: string): Record<string, unknown> => ({ '@id': id, '@type': '@id' })

/** Fields whose values become IRIs (see iris.ts), with the property each maps to. */
const IRI_TERMS: Record<string, Record<string, unknown>> = {
  license: asIri('schema:license'),
  mediaType: asIri('schema:encodingFormat'),
  doi: asIri('schema:sameAs'),
  orcid: asIri('schema:identifier'),
  municipality: asIri('schema:containedInPlace'),
  province: asIri('schema:containedInPlace'),
  /** Themes are concepts of the node's SKOS scheme (schema:about is taken by lessonOf). */
  themes: asIri('dct:subject'),
  /** Open standards at their official addresses (DCAT-AP: `dct:conformsTo` a `dct:Standard`). */
  standards: asIri('dct:conformsTo'),
}

/** The same, inside the DCAT-described data sets of findings. */
const DATASET_IRI_TERMS: Record<string, Record<string, unknown>> = {
  license: asIri('dct:license'),
  mediaType: asIri('dcat:mediaType'),
}

function withList(definition: Definition, isList: boolean): Definition {
  if (!isList) return definition
  const full = typeof definition === 'string' ? { '@id': definition } : definition
  if (full['@container'] !== undefined) return full
  return { ...full, '@container': '@set' }
}

function buildContext(): Context {
  const lists = listFields()
  const records = jsonLdContext()
  const context: Context = {
    ...records,
    skos: NS.skos,
    polder: NS.polder,
    /** The record's stable identifier, its `polder://` reference. */
    reference: 'dct:identifier',
    /** Where an attachment can be downloaded from this node. */
    contentUrl: asIri('schema:contentUrl'),
    /** The relations in their order: the properties above say what they mean. */
    relations: {
      '@id': 'polder:relations',
      '@container': '@list',
      '@context': {
        type: 'polder:relationType',
        target: asIri('polder:target'),
      },
    },
  }
  for (const [field, definition] of Object.entries(records)) {
    if (field.startsWith('@') || typeof definition === 'number') continue
    let own: Definition = IRI_TERMS[field] ?? definition
    if (field === 'datasets' && typeof definition === 'object') {
      const scoped = { ...(definition['@context'] as Context), ...DATASET_IRI_TERMS }
      own = { ...definition, '@context': scoped }
    }
    context[field] = withList(own, lists.has(field) || Object.hasOwn(RELATION_PROPERTIES, field))
  }
  return context
}

/** The JSON-LD 1.1 context of records as linked data, served at `/v1/context.jsonld`. */
export const LINKED_DATA_CONTEXT: Readonly<Context> = buildContext()
