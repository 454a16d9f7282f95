/**
 * Validation of records from any source (API, CLI, file, peer). It reports every problem
 * with its path and a Dutch and English message, and never throws on bad input.
 */
import type * as z from 'zod'
import { LIMITS, SCHEMA_VERSION } from './constants.js'
import { canonicalValue, decodeCanonical, encodeCanonical } from './encoding.js'
import { EncodingError, RecordValidationError } from './errors.js'
import {
  type PolderRecord,
  type RecordState,
  recordSchema,
  type Tombstone,
  tombstoneSchema,
} from './kinds/index.js'
import { type Problem, problemsOf, recordProblem } from './problems.js'
import { unicodeProblems } from './unicode.js'
import { RECORD_KINDS } from './vocabularies/lists.js'

export type Validation<T> =
  | { readonly ok: true; readonly value: T; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly problems: readonly Problem[] }

const KIND_CODES: readonly string[] = RECORD_KINDS.map((kind) => kind.code)

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
      message: {
        en: `must be one of ${KIND_CODES.join(', ')}`,
        nl: `moet een van ${KIND_CODES.join(', ')} zijn`,
      },
    }
  }
  return undefined
}

function run<T>(schema: z.ZodType<T>, input: unknown): Validation<T> {
  const early = preflight(input)
  if (early !== undefined) return { ok: false, problems: [early] }
  const unicode = unicodeProblems(input)
  if (unicode.length > 0) return { ok: false, problems: unicode }
  // reportInput tells a missing field (required) from one of the wrong type
  const result = schema.safeParse(input, { reportInput: true })
  if (!result.success) return { ok: false, problems: result.error.issues.flatMap(problemsOf) }
  const value = canonicalValue(result.data)
  try {
    return { ok: true, value, bytes: encodeCanonical(value) }
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
  return run(recordSchema, input)
}

/** Validates a tombstone. */
export function validateTombstone(input: unknown): Validation<Tombstone> {
  return run(tombstoneSchema, input)
}

/** Validates a record state: a tombstone when `status` is `retracted`, else a live record. */
export function validateState(input: unknown): Validation<RecordState> {
  const retracted =
    input !== null &&
    typeof input === 'object' &&
    (input as { status?: unknown }).status === 'retracted'
  return retracted ? validateTombstone(input) : validateRecord(input)
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
  const result = validateState(decodeCanonical(bytes))
  if (!result.ok) throw new RecordValidationError(result.problems)
  if (!equalBytes(result.bytes, bytes)) {
    throw new EncodingError('The bytes are not the canonical encoding of this record')
  }
  return result.value
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false
  return true
}
