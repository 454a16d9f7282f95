/** A real JSON-LD processor and JSON Schema validator, set up for offline tests. */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import jsonld from 'jsonld'

/** Refuses every remote document: the context must be complete as given. */
const offlineLoader = async (url: string): Promise<never> => {
  throw new Error(`no network in tests: ${url}`)
}

export function expandOffline(doc: Record<string, unknown>) {
  return jsonld.expand(doc as jsonld.JsonLdDocument, { documentLoader: offlineLoader as never })
}

/** Formats of our own: validateRecord checks them; JSON Schema tools only need to know them. */
const OWN_FORMATS = [
  'did',
  'record-id',
  'polder-ref',
  'language-tag',
  'doi',
  'orcid',
  'spdx',
  'media-type',
  'cid',
  'currency',
  'amount',
  'municipality-code',
  'province-code',
  'country-code',
]

export function jsonSchemaValidator(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  for (const format of OWN_FORMATS) ajv.addFormat(format, true)
  return ajv
}
