/**
 * Validation of records from any source (API, CLI, file, peer). It reports every problem
 * with its path and a Dutch and English message, and never throws on bad input.
 */
import type * as z from 'zod'
import { readCanonicalDagCbor } from './canonical-bytes.js'
import { LIMITS, SCHEMA_VERSION } from './constants.js'
import { canonicalValue, decodeCanonical, encodeCanonicalValue } from './encoding.js'
import { EncodingError, RecordValidationError } from './errors.js'
import { type PolderRecord, type RecordState, recordUnion, type Tombstone } from './kinds/index.js'
import { tombstoneObject } from './kinds/tombstone.js'
import { completePlaces, placeProblems } from './places.js'
import { type Problem, type ProblemOptions, problemsOf, recordProblem } from './problems.js'
import { createRecordId } from './record-id.js'
import { sameValue } from './same-value.js'
import { unicodeProblems } from './unicode.js'
import { listValues } from './value-labels.js'
import { RECORD_KINDS } from './vocabularies/lists.js'

export type Validation<T> =
  | { readonly ok: true; readonly value: T; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problems: readonly Problem[] }

const KIND_CODES: readonly string[] = RECORD_KINDS.map((kind) => kind.code)

const RECORD_PROBLEMS: ProblemOptions = {
  unknownField: {
    en: 'is not a field of this kind of record',
    nl: 'is geen veld van dit soort record',
  },
}

/** Problems that make the rest of validation meaningless: not an object, unknown kind, newer schema. */
function preflight(input: unknown): Problem | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return recordProblem('invalid_type', {
      en: 'a record is a JSON object',
      nl: 'een record is een JSON-object',
    })
  }
  const { kind, schemaVersion } = input as Record<string, unknown>
  if (typeof schemaVersion === 'number' && schemaVersion > SCHEMA_VERSION) {
    return {
      path: '/schemaVersion',
      code: 'unsupported_schema_version',
      message: {
        en: `schema version ${schemaVersion} is newer than this node understands (${SCHEMA_VERSION}); upgrade Polder`,
        nl: `schemaversie ${schemaVersion} is nieuwer dan deze node kent (${SCHEMA_VERSION}); werk Polder bij`,
      },
    }
  }
  if (typeof kind !== 'string' || !KIND_CODES.includes(kind)) {
    return {
      path: '/kind',
      code: kind === undefined ? 'required' : 'invalid_value',
      message: (({ en, nl }) => ({ en: `must be one of ${en}`, nl: `moet een van ${nl} zijn` }))(
        listValues(KIND_CODES),
      ),
    }
  }
  return undefined
}

type Parsed<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly problems: readonly Problem[] }

/**
 * The schema's checks of an input, without encoding what they return. `wellFormed` when the
 * input was decoded from valid UTF-8, which holds no lone surrogate to look for.
 */
function parse<T>(schema: z.ZodType<T>, input: unknown, wellFormed = false): Parsed<T> {
  const early = preflight(input)
  if (early !== undefined) return { ok: false, problems: [early] }
  if (!wellFormed) {
    const unicode = unicodeProblems(input)
    if (unicode.length > 0) return { ok: false, problems: unicode }
  }
  // reportInput tells a missing field (required) from one of the wrong type
  const result = schema.safeParse(input, { reportInput: true })
  if (!result.success)
    return {
      ok: false,
      problems: result.error.issues.flatMap((issue) => problemsOf(issue, RECORD_PROBLEMS)),
    }
  return { ok: true, data: result.data }
}

function run<T>(schema: z.ZodType<T>, input: unknown): Validation<T> {
  const result = parse(schema, input)
  if (!result.ok) return result
  const value = canonicalValue(result.data)
  try {
    return { ok: true, value, bytes: encodeCanonicalValue(value) }
  } catch (err) {
    if (!(err instanceof EncodingError)) throw err
    return {
      ok: false,
      problems: [
        recordProblem('too_large', {
          en: `the record is larger than ${LIMITS.recordBytes / 1024} KiB when encoded`,
          nl: `het record is gecodeerd groter dan ${LIMITS.recordBytes / 1024} KiB`,
        }),
      ],
    }
  }
}

/** Validates a live record of any kind; on success also returns its canonical bytes. */
export function validateRecord(input: unknown): Validation<PolderRecord> {
  return run(recordUnion(), input)
}

/** Validates a tombstone. */
export function validateTombstone(input: unknown): Validation<Tombstone> {
  return run(tombstoneObject(), input)
}

const isTombstone = (input: unknown): boolean =>
  input !== null &&
  typeof input === 'object' &&
  (input as { status?: unknown }).status === 'retracted'

/** Validates a record state: a tombstone when `status` is `retracted`, else a live record. */
export function validateState(input: unknown): Validation<RecordState> {
  return isTombstone(input) ? validateTombstone(input) : validateRecord(input)
}

/** Like {@link validateRecord}, but throws {@link RecordValidationError}. */
export function parseRecord(input: unknown): PolderRecord {
  const result = validateRecord(input)
  if (!result.ok) throw new RecordValidationError(result.problems)
  return result.value
}

/** Canonical bytes of a record state, validating it first. */
export function encodeState(state: unknown): Uint8Array {
  const result = validateState(state)
  if (!result.ok) throw new RecordValidationError(result.problems)
  return result.bytes
}

/**
 * Decodes and validates a record state from bytes, as a peer sent them. The bytes must
 * be the canonical encoding of the valid state (defaults filled in), so that a state has
 * exactly one encoding and its hash and signature are stable.
 */
export function decodeState(bytes: Uint8Array): RecordState {
  // Bytes in canonical form that validation returns unchanged are the canonical encoding
  // of the valid state, with no need to encode it again and compare (a third of the work).
  // Anything else takes the long way, which decides and words the refusal as it always did.
  // (within the size limit: past it, the long way refuses it as too large)
  const input = bytes.byteLength <= LIMITS.recordBytes ? readCanonicalDagCbor(bytes) : undefined
  if (input !== undefined) {
    const schema: z.ZodType<RecordState> = isTombstone(input) ? tombstoneObject() : recordUnion()
    const parsed = parse(schema, input, true)
    if (!parsed.ok) throw new RecordValidationError(parsed.problems)
    if (sameValue(input, parsed.data)) return parsed.data
  }
  const result = validateState(decodeCanonical(bytes))
  if (!result.ok) throw new RecordValidationError(result.problems)
  if (!equalBytes(result.bytes, bytes)) {
    throw new EncodingError('The bytes are not the canonical encoding of this record')
  }
  return result.value
}

/** Node's Buffer where there is one (a native compare, ~5x a loop), absent in a browser. */
const NativeBuffer = (globalThis as { Buffer?: { compare(a: Uint8Array, b: Uint8Array): number } })
  .Buffer

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  if (NativeBuffer !== undefined) return NativeBuffer.compare(a, b) === 0
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}

/** Fields of the envelope the node fills in when it publishes a draft. */
export const NODE_FILLED_FIELDS = [
  'id',
  'schemaVersion',
  'author',
  'created',
  'updated',
  'version',
] as const

export interface DraftOptions {
  /** The organisation that would publish it. */
  readonly author: string
  /** When. @default new Date() */
  readonly now?: Date
}

/**
 * A draft as publish makes it a record: the node's identity fields filled in (its own id
 * and creation time kept when given, as an import does), the province of each known
 * municipality added. Anything that is not an object is returned as it is.
 */
export function completeDraft(input: unknown, options: DraftOptions): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input
  const date = options.now ?? new Date()
  const { id, created, ...fields } = input as Record<string, unknown>
  const stamp = created ?? date.toISOString()
  return completePlaces({
    ...fields,
    id: id ?? createRecordId(date.getTime()),
    schemaVersion: SCHEMA_VERSION,
    author: options.author,
    created: stamp,
    updated: stamp,
    version: 1,
  })
}

/**
 * Validates a draft exactly as publish does: the fields the node fills in are not asked
 * for, and place codes must be in the vocabulary (which a peer's record need not be).
 */
export function validateDraft(input: unknown, options: DraftOptions): Validation<PolderRecord> {
  const result = validateRecord(completeDraft(input, options))
  const places = placeProblems(input)
  if (!result.ok)
    return places.length === 0 ? result : { ok: false, problems: [...result.problems, ...places] }
  return places.length === 0 ? result : { ok: false, problems: places }
}

/** Whether an input is a stored record (with its envelope) rather than a draft. */
export function isStoredForm(input: unknown): boolean {
  return (
    input !== null &&
    typeof input === 'object' &&
    Object.hasOwn(input, 'author') &&
    Object.hasOwn(input, 'version')
  )
}

/**
 * Validates what a user would publish: a draft as publish makes it a record, or a stored
 * record (author and version given) as it is, with publishing's checks (place codes).
 */
export function validateForPublish(
  input: unknown,
  options: DraftOptions,
): Validation<PolderRecord> {
  if (!isStoredForm(input)) return validateDraft(input, options)
  const result = validateRecord(input)
  const places = placeProblems(input)
  if (places.length === 0) return result
  return { ok: false, problems: [...(result.ok ? [] : result.problems), ...places] }
}
