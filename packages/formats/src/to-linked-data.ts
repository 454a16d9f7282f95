/**
 * A record as a JSON-LD document, compacted against the served context: its IRI on this
 * node as `@id`, its kind's schema.org type, identifiers as IRIs, each relation as a
 * property pointing at the other record's IRI (and the relations in order as a list).
 */
import { formatRef, isTombstone, KIND_TYPES, parseRef, type RecordState } from '@polder/schema'
import { type Context, LINKED_DATA_CONTEXT } from './context.js'
import type { Iris } from './iris.js'
import { valueToIri } from './value-iris.js'

export interface ToLinkedDataOptions {
  /** The context to put in the document: the object itself (default) or its URL. */
  readonly context?: Readonly<Context> | string
}

/** `@type` of nested objects, as the record model's JSON-LD context defines them. */
const NODE_TYPES: Record<string, string> = {
  places: 'schema:Place',
  point: 'schema:GeoCoordinates',
  attachments: 'schema:MediaObject',
  partners: 'schema:Organization',
  budget: 'schema:MonetaryAmount',
  contribution: 'schema:MonetaryAmount',
  funding: 'schema:MonetaryGrant',
  outcomes: 'schema:PropertyValue',
  researchers: 'schema:Person',
  datasets: 'dcat:Dataset',
  regulatoryRoom: 'schema:PropertyValue',
}

function linked(value: unknown, field: string, iris: Iris): unknown {
  if (Array.isArray(value)) return value.map((item) => linked(item, field, iris))
  if (value === null || typeof value !== 'object') return valueToIri(field, value, iris)
  if (LANGUAGE_MAPS.has(field)) return value
  const out: Record<string, unknown> = {}
  const type = NODE_TYPES[field]
  if (type !== undefined) out['@type'] = type
  for (const [key, nested] of Object.entries(value)) out[key] = linked(nested, key, iris)
  if (field === 'attachments' && typeof out.cid === 'string') {
    out.contentUrl = iris.attachment(out.cid)
  }
  return out
}

/** Fields whose values are language maps (title, summary, …): left as they are. */
const LANGUAGE_MAPS = new Set(
  Object.entries(LINKED_DATA_CONTEXT)
    .filter(([, d]) => typeof d === 'object' && d['@container'] === '@language')
    .map(([field]) => field),
)

export function toLinkedData(
  state: RecordState,
  iris: Iris,
  options: ToLinkedDataOptions = {},
): Record<string, unknown> {
  const { relations, ...fields } = JSON.parse(JSON.stringify(state)) as RecordState & {
    relations?: { type: string; target: string }[]
  }
  const ref = formatRef(state)
  const doc: Record<string, unknown> = {
    '@context': options.context ?? LINKED_DATA_CONTEXT,
    '@id': iris.record(state),
    '@type': isTombstone(state) ? 'schema:CreativeWork' : KIND_TYPES[state.kind],
    reference: ref,
  }
  for (const [field, value] of Object.entries(fields)) doc[field] = linked(value, field, iris)
  if (relations !== undefined && relations.length > 0) {
    const targets = relations.map(({ type, target }) => ({
      type,
      target: iris.record(parseRef(target)),
    }))
    for (const { type, target } of targets) {
      const list = (doc[type] ?? []) as string[]
      list.push(target)
      doc[type] = list
    }
    doc.relations = targets
  }
  return doc
}
