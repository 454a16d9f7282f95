/** Namespaces and media types of the formats Polder speaks. */

export const NS = {
  schema: 'https://schema.org/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  adms: 'http://www.w3.org/ns/adms#',
  owl: 'http://www.w3.org/2002/07/owl#',
  /** Polder's own terms (the order of relations): URNs, stable on every node. */
  polder: 'urn:polder:vocab:',
} as const

/** Where the identifiers of other registries live as IRIs. */
export const REGISTRIES = {
  spdx: 'https://spdx.org/licenses/',
  doi: 'https://doi.org/',
  orcid: 'https://orcid.org/',
  iana: 'https://www.iana.org/assignments/media-types/',
  /** TOOI, the Dutch government's identifiers of municipalities and provinces. */
  municipality: 'https://identifier.overheid.nl/tooi/id/gemeente/',
  province: 'https://identifier.overheid.nl/tooi/id/provincie/',
  /** The EU's data-theme vocabulary (DCAT-AP). */
  euDataTheme: 'http://publications.europa.eu/resource/authority/data-theme/',
  euFileType: 'http://publications.europa.eu/resource/authority/file-type/',
  euLanguage: 'http://publications.europa.eu/resource/authority/language/',
  adminPublisherType: 'http://purl.org/adms/publishertype/',
  euCountry: 'http://publications.europa.eu/resource/authority/country/',
} as const

export const MEDIA_TYPES = {
  json: 'application/json',
  jsonLd: 'application/ld+json',
  turtle: 'text/turtle',
  nTriples: 'application/n-triples',
  rdfXml: 'application/rdf+xml',
} as const

/** Paths on a node, below its public URL, that linked data points at. */
export const PATHS = {
  record: '/records/',
  themes: '/v1/themes',
  context: '/v1/context.jsonld',
  catalog: '/v1/catalog',
  attachment: '/v1/attachments/',
} as const
