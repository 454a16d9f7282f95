/** Field values that are identifiers, turned into IRIs and back, by field name. */
import {
  doiIris,
  type IriScheme,
  type Iris,
  licenseIris,
  mediaTypeIris,
  municipalityIris,
  orcidIris,
  provinceIris,
  standardIris,
} from './iris.js'

const SCHEMES: Record<string, IriScheme> = {
  license: licenseIris,
  mediaType: mediaTypeIris,
  doi: doiIris,
  orcid: orcidIris,
  municipality: municipalityIris,
  province: provinceIris,
  standards: standardIris,
}

/** The IRI form of a field's value (themes need the node's IRIs), or the value itself. */
export function valueToIri(field: string, value: unknown, iris: Iris): unknown {
  if (typeof value !== 'string') return value
  if (field === 'themes') return iris.theme(value)
  return SCHEMES[field]?.toIri(value) ?? value
}

/** A field's value from its IRI form. */
export function valueFromIri(field: string, value: unknown, iris: Iris): unknown {
  if (typeof value !== 'string') return value
  if (field === 'themes') return iris.themeOf(value) ?? value
  return SCHEMES[field]?.fromIri(value) ?? value
}
