/**
 * Persistent identifiers as the links their registries resolve: a DOI at doi.org, an ORCID
 * iD at orcid.org. Records hold them bare (`10.5555/x`, `0000-0002-1825-0097`) or already
 * as a URL or with a `doi:` prefix; anything else is no identifier and gets no link.
 */
const DOI = /^(?:doi:|https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)$/i
const ORCID = /^(?:https?:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/

/** The https IRI of a DOI, or undefined when the value is not one. */
export function doiUrl(value: string): string | undefined {
  const doi = DOI.exec(value.trim())?.[1]
  return doi === undefined ? undefined : `https://doi.org/${doi}`
}

/** The https IRI of an ORCID iD, or undefined when the value is not one. */
export function orcidUrl(value: string): string | undefined {
  const id = ORCID.exec(value.trim())?.[1]
  return id === undefined ? undefined : `https://orcid.org/${id}`
}

/** The link of a field's value when the field holds a persistent identifier. */
export function identifierUrl(field: string, value: string): string | undefined {
  if (field === 'doi') return doiUrl(value)
  if (field === 'orcid') return orcidUrl(value)
  return undefined
}
