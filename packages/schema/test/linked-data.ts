/** A JSON Schema validator set up for the record model's own formats. */
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

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
