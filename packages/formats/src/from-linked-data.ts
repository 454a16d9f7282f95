/**
 * A record from its JSON-LD form, the reverse of toLinkedData: any JSON-LD that says the
 * same (expanded, compacted differently, another node's IRIs) gives back the same record.
 * The document is compacted against the served context by a real JSON-LD processor, then
 * each field is put back where the record model has it.
 */
import jsonld from 'jsonld'
import { LINKED_DATA_CONTEXT } from './context.js'
import { offlineLoader } from './document-loader.js'
import { LinkedDataError } from './errors.js'
import type { Iris } from './iris.js'
import { isArraySchema, objectSchema, type Schema, schemaOf } from './json-schema-walk.js'
import { valueFromIri } from './value-iris.js'

type Json = Record<string, unknown>

/** Property IRI of a term (compact, as the context writes it), per scope. */
function termIris(context: Record<string, unknown>): Map<string, string> {
  const map = new Map<string, string>()
  for (const [term, definition] of Object.entries(context)) {
    if (typeof definition === 'string') map.set(term, definition)
    else if (definition !== null && typeof definition === 'object') {
      const id = (definition as Json)['@id']
      if (typeof id === 'string') map.set(term, id)
    }
  }
  return map
}

const TOP = termIris(LINKED_DATA_CONTEXT)
const DATASET = new Map([
  ...TOP,
  ...termIris(((LINKED_DATA_CONTEXT.datasets as Json)['@context'] ?? {}) as Json),
])

const asList = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]

/** Puts one object's fields back under the names the record model gives them there. */
function restore(value: Json, schema: Schema, scope: Map<string, string>, iris: Iris): Json {
  const properties = schema.properties ?? {}
  const out: Json = {}
  const place: string[] = []
  for (const [key, raw] of Object.entries(value)) {
    if (key.startsWith('@')) continue
    const iri = scope.get(key)
    if (key === 'municipality' || key === 'province') {
      place.push(...(asList(raw) as string[]))
      continue
    }
    const field = Object.hasOwn(properties, key)
      ? key
      : Object.keys(properties).find((name) => iri !== undefined && scope.get(name) === iri)
    if (field === undefined) continue
    const fieldSchema = properties[field] as Schema
    out[field] = restoreValue(field, raw, fieldSchema, field === 'datasets' ? DATASET : scope, iris)
  }
  for (const iri of place) {
    const municipality = valueFromIri('municipality', iri, iris) as string
    if (/^GM[0-9]{4}$/.test(municipality)) out.municipality = municipality
    else out.province = valueFromIri('province', iri, iris)
  }
  return out
}

function restoreValue(
  field: string,
  raw: unknown,
  schema: Schema,
  scope: Map<string, string>,
  iris: Iris,
): unknown {
  const nested = objectSchema(schema)
  const one = (item: unknown): unknown => {
    if (nested !== undefined && item !== null && typeof item === 'object') {
      return restore(item as Json, nested, scope, iris)
    }
    if (item !== null && typeof item === 'object' && '@value' in item) {
      return (item as Json)['@value']
    }
    return valueFromIri(field, item, iris)
  }
  if (isArraySchema(schema)) return asList(raw).map(one)
  return one(Array.isArray(raw) && raw.length === 1 ? raw[0] : raw)
}

function relationsOf(doc: Json, iris: Iris): { type: string; target: string }[] | undefined {
  const toRef = (iri: unknown) => {
    const ref = typeof iri === 'string' ? iris.refOf(iri) : undefined
    if (ref === undefined) throw new LinkedDataError(`Not a record IRI: ${String(iri)}`)
    return ref
  }
  if (doc.relations !== undefined) {
    return asList(doc.relations).map((item) => {
      const { type, target } = item as Json
      return { type: String(type), target: toRef(target) }
    })
  }
  const relations: { type: string; target: string }[] = []
  for (const type of ['replicates', 'lessonOf', 'cites', 'partOf', 'supersedes']) {
    for (const target of asList(doc[type])) relations.push({ type, target: toRef(target) })
  }
  return relations
}

/**
 * The record a JSON-LD document describes (its first node with a kind). The result is
 * not validated here: pass it to `validateRecord`.
 */
export async function fromLinkedData(input: unknown, iris: Iris): Promise<Json> {
  let compacted: Json
  try {
    compacted = (await jsonld.compact(
      input as jsonld.JsonLdDocument,
      LINKED_DATA_CONTEXT as never,
      {
        documentLoader: offlineLoader as never,
        safe: true,
      } as jsonld.Options.Compact,
    )) as Json
  } catch (error) {
    throw new LinkedDataError(`Not JSON-LD Polder can read: ${describeJsonLdError(error)}`)
  }
  const node = (
    compacted['@graph'] === undefined
      ? compacted
      : asList(compacted['@graph']).find((n) => (n as Json).kind !== undefined)
  ) as Json | undefined
  if (node === undefined || typeof node.kind !== 'string') {
    throw new LinkedDataError('The document describes no record (no schema:additionalType)')
  }
  const retracted = node.status === 'retracted'
  const schema = schemaOf(node.kind, retracted)
  if (schema === undefined) throw new LinkedDataError(`Unknown record kind: ${node.kind}`)
  const record = restore(node, schema, TOP, iris)
  if (!retracted) record.relations = relationsOf(node, iris)
  return record
}

/** jsonld's errors carry the reason (a safe-mode event, a loader failure) in `details`. */
function describeJsonLdError(error: unknown): string {
  const { message, details } = error as Error & {
    details?: { event?: { message?: string }; cause?: { message?: string } }
  }
  const reason = details?.event?.message ?? details?.cause?.message
  return reason === undefined ? message : `${message} ${reason}`
}
