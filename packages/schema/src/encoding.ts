/**
 * Canonical encoding: a record is stored, hashed and signed as DAG-CBOR, whose rules
 * (sorted map keys, shortest integers, 64-bit floats) give one encoding per value.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { LIMITS } from './constants.js'
import { EncodingError } from './errors.js'
import { encodeJsonCbor } from './json-cbor.js'

/**
 * A copy as it survives encoding: without `undefined` values (which DAG-CBOR cannot hold
 * and JSON drops) and with -0 as 0 (DAG-CBOR writes both as the integer 0).
 */
export function canonicalValue<T>(value: T): T {
  if (Object.is(value, -0)) return 0 as T
  if (Array.isArray(value)) return value.map(canonicalValue) as T
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) out[key] = canonicalValue(field)
    }
    return out as T
  }
  return value
}

/** Canonical bytes of a value; throws {@link EncodingError} past `maxBytes`. */
export function encodeCanonical(value: unknown, maxBytes: number = LIMITS.recordBytes): Uint8Array {
  return encodeCanonicalValue(canonicalValue(value), maxBytes)
}

/**
 * {@link encodeCanonical} of a value that is {@link canonicalValue}'s copy already (as
 * validation returns it): without copying it a second time.
 */
export function encodeCanonicalValue(
  value: unknown,
  maxBytes: number = LIMITS.recordBytes,
): Uint8Array {
  // plain JSON (every record) the fast way; anything else as dag-cbor decides
  let bytes = encodeJsonCbor(value)
  if (bytes === undefined) {
    try {
      bytes = dagCbor.encode(value)
    } catch (err) {
      throw new EncodingError(`Cannot encode as DAG-CBOR: ${(err as Error).message}`)
    }
  }
  if (bytes.byteLength > maxBytes) {
    throw new EncodingError(`Encoded record is ${bytes.byteLength} bytes; the limit is ${maxBytes}`)
  }
  return bytes
}

/** Decodes canonical bytes; refuses more than `maxBytes` before decoding anything. */
export function decodeCanonical(bytes: Uint8Array, maxBytes: number = LIMITS.recordBytes): unknown {
  if (bytes.byteLength > maxBytes) {
    throw new EncodingError(`Encoded record is ${bytes.byteLength} bytes; the limit is ${maxBytes}`)
  }
  try {
    return dagCbor.decode(bytes)
  } catch (err) {
    throw new EncodingError(`Not DAG-CBOR: ${(err as Error).message}`)
  }
}
