/**
 * @packageDocumentation
 *
 * Polder's records in the formats the field already uses: JSON-LD (schema.org), Turtle
 * and N-Triples, the themes as a SKOS concept scheme, and the node's DCAT-AP 3.0
 * catalogue. Pure functions: no I/O.
 *
 * @example
 * ```ts
 * import { createIris, fromLinkedData, serialiseRdf, toLinkedData } from '@polder/formats'
 *
 * const iris = createIris('https://polder.eindhoven.nl')
 * const doc = toLinkedData(record, iris)         // JSON-LD, @id https://…/records/did:key:…/01J…
 * const turtle = await serialiseRdf(doc, 'turtle')
 * const same = await fromLinkedData(doc, iris)   // the record again
 * ```
 */

export { sha256OfCid } from './cid-digest.js'
export * from './citations/index.js'
export { MEDIA_TYPES, NS, PATHS, REGISTRIES } from './constants.js'
export { type Context, LINKED_DATA_CONTEXT } from './context.js'
export { isRecordKind } from './csv/columns.js'
export * from './csv/index.js'
export { type CatalogInit, catalogHeader } from './dcat/catalog-header.js'
export {
  CATALOG_MEDIA_TYPES,
  type CatalogMediaType,
  catalogBatches,
  catalogStream,
} from './dcat/catalog-stream.js'
export { offlineLoader } from './document-loader.js'
export { LinkedDataError, NotAcceptableError } from './errors.js'
export { FEED_MEDIA_TYPES, type FeedFormat, type FeedInit, writeFeed } from './feeds.js'
export { fromLinkedData } from './from-linked-data.js'
export {
  createIris,
  doiIris,
  type Iris,
  licenseIris,
  mediaTypeIris,
  municipalityIris,
  normaliseBase,
  orcidIris,
  provinceIris,
  standardIris,
} from './iris.js'
export { negotiate } from './negotiate.js'
export * from './oai/index.js'
export { type RdfFormat, serialiseRdf, TURTLE_PREFIXES, toQuads, writeQuads } from './rdf.js'
export { RdfXmlWriter, rdfXmlChunks } from './rdf-xml.js'
export { RECORD_MEDIA_TYPES, recordMediaTypes, representRecord } from './record-formats.js'
export { EU_DATA_THEMES, euDataThemeIri, sdgIri, themeScheme } from './themes.js'
export { type ToLinkedDataOptions, toLinkedData } from './to-linked-data.js'
