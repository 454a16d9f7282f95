/**
 * JSON-LD term definitions, attached to the zod schema of each field where the field is
 * defined, so the JSON-LD context is generated from the schemas and never listed by hand.
 */
import * as z from 'zod'

/** The JSON-LD term definition of one field. */
export interface LdTerm {
  /** Compact IRI the field maps to, e.g. `schema:name`. */
  readonly '@id': string
  readonly '@container'?: '@language' | '@set'
  /** Value coercion: `@id` for IRIs, or an XSD datatype. */
  readonly '@type'?: '@id' | 'xsd:date' | 'xsd:dateTime' | 'xsd:integer' | 'xsd:decimal'
  /**
   * The terms of this field's nested object go into a property-scoped context instead of
   * the record's context, for vocabularies other than schema.org (DCAT for data sets).
   */
  readonly scoped?: boolean
  /** `@type` given to each nested object in the JSON-LD form. */
  readonly nodeType?: string
}

export const ldRegistry = z.registry<LdTerm>()

/** Returns the schema with its JSON-LD term definition attached. */
export function ld<T extends z.ZodType>(schema: T, term: LdTerm): T {
  const own = schema.clone() as T
  ldRegistry.add(own, term)
  return own
}
