/**
 * @packageDocumentation
 *
 * Polder's record model: every kind of record, its validation, canonical encoding,
 * global references, controlled vocabularies, and the JSON Schema and JSON-LD forms
 * generated from the same zod schemas. Pure: no I/O.
 *
 * @example
 * ```ts
 * import { createRecord, validateRecord, encodeState, formatRef } from '@polder/schema'
 *
 * const practice = createRecord({
 *   kind: 'practice',
 *   languages: ['nl', 'en'],
 *   title: { nl: 'Slimme lantaarnpalen', en: 'Smart street lights' },
 *   status: 'pilot',
 * }, 'did:key:z6Mk…')
 * const bytes = encodeState(practice) // the same bytes on every node
 * const ref = formatRef(practice)     // polder://did:key:z6Mk…/01J…
 *
 * const result = validateRecord(JSON.parse(body))
 * if (!result.ok) for (const p of result.problems) console.log(p.path, p.message.nl)
 * ```
 */

export { type FieldSpan, type ReadOptions, readCanonicalDagCbor } from './canonical-bytes.js'
export { cidKey, parseFileCid } from './cid.js'
export { DEFAULT_LICENSE, LIMITS, REFERENCE_SCHEME, SCHEMA_VERSION } from './constants.js'
export { type Did, didFromEd25519PublicKey, ed25519PublicKeyFromDid, isDid } from './did.js'
export { decodeCanonical, encodeCanonical, encodeCanonicalValue } from './encoding.js'
export {
  EncodingError,
  InvalidCidError,
  InvalidDidError,
  InvalidReferenceError,
  RecordValidationError,
} from './errors.js'
export type {
  Attachment,
  FundingItem,
  LangMap,
  Money,
  Outcome,
  Partner,
  Place,
  Relation,
  RelationType,
} from './fields.js'
export { langMap, money } from './fields.js'
/** String formats (zod) of the record model, for other schemas (the API's requests). */
export * as formats from './formats.js'
export { jsonLdContext, KIND_TYPES, RELATION_PROPERTIES } from './json-ld.js'
export {
  type JsonSchema,
  recordJsonSchema,
  type SchemaForm,
  tombstoneJsonSchema,
} from './json-schema.js'
export {
  type Adoption,
  type Endorsement,
  type Finding,
  type Initiative,
  isTombstone,
  KIND_SCHEMAS,
  type Lab,
  type Lesson,
  type Organization,
  type PolderRecord,
  type Practice,
  type Question,
  type RecordInput,
  type RecordKind,
  type RecordState,
  recordSchema,
  type Tombstone,
  tombstoneSchema,
  type Vouch,
} from './kinds/index.js'
export { lazySchema, once } from './lazy.js'
export { sumMoney, toMinorUnits } from './money.js'
export { municipalityOf, placeProblems, provinceName, unknownPlaceCodes } from './places.js'
export {
  type Message,
  type Problem,
  type ProblemOptions,
  pointer,
  problemsOf,
  recordProblem,
} from './problems.js'
export { createRecordId, RECORD_ID_PATTERN, recordIdTime } from './record-id.js'
export { formatRef, isRef, type ParsedRef, type PolderRef, parseRef } from './reference.js'
export {
  completeDraft,
  type DraftOptions,
  decodeState,
  encodeState,
  isStoredForm,
  NODE_FILLED_FIELDS,
  parseRecord,
  type Validation,
  validateDraft,
  validateForPublish,
  validateRecord,
  validateState,
  validateTombstone,
} from './validate.js'
export { listValues } from './value-labels.js'
export {
  createRecord,
  editRecord,
  type NewRecord,
  type RecordChanges,
  retractRecord,
  successionProblems,
  type VersionOptions,
} from './versions.js'
export * from './vocabularies/index.js'
