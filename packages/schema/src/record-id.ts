/**
 * Record ids are ULIDs: 48 bits of creation time in milliseconds and 80 random bits, in
 * Crockford base32 (26 characters). They sort by creation time as strings, and within
 * one millisecond a generator stays monotonic by incrementing the random part.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TIME_CHARS = 10
const RANDOM_CHARS = 16
const MAX_TIME = 2 ** 48 - 1

export const RECORD_ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/

/**
 * Random bytes drawn ahead for 256 ids: `getRandomValues` costs ~7 µs a call however few
 * bytes it fills (WebCrypto's checks, a call into the CSPRNG), about as much as the rest of
 * making a record. Each byte is used once.
 */
const POOL_BYTES = 4096
const pool = new Uint8Array(POOL_BYTES)
let poolUsed = POOL_BYTES

let lastTime = -1
const lastRandom = new Uint8Array(RANDOM_CHARS)

/** Fills `digits` with fresh random base32 digits. */
function randomDigits(digits: Uint8Array): void {
  if (poolUsed + digits.length > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool)
    poolUsed = 0
  }
  for (let i = 0; i < digits.length; i++) digits[i] = (pool[poolUsed + i] as number) & 31
  poolUsed += digits.length
}

/** Adds one to a base32 digit string; false when it overflows. */
function increment(digits: Uint8Array): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const digit = digits[i] as number
    if (digit < 31) {
      digits[i] = digit + 1
      return true
    }
    digits[i] = 0
  }
  return false
}

function encodeTime(time: number): string {
  let out = ''
  let rest = time
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET.charAt(rest % 32) + out
    rest = Math.floor(rest / 32)
  }
  return out
}

/** A new record id for a record created at `time` (milliseconds since the epoch). */
export function createRecordId(time: number = Date.now()): string {
  if (!Number.isInteger(time) || time < 0 || time > MAX_TIME) {
    throw new RangeError(`Record id time must be an integer from 0 to ${MAX_TIME}`)
  }
  if (time === lastTime && increment(lastRandom)) {
    // same millisecond: keep ids strictly increasing
  } else {
    lastTime = time
    randomDigits(lastRandom)
  }
  let id = encodeTime(time)
  for (const digit of lastRandom) id += ALPHABET.charAt(digit)
  return id
}

/** The creation time encoded in a record id. */
export function recordIdTime(id: string): Date {
  if (!RECORD_ID_PATTERN.test(id)) throw new RangeError(`Not a record id: ${id}`)
  let time = 0
  for (const char of id.slice(0, TIME_CHARS)) time = time * 32 + ALPHABET.indexOf(char)
  return new Date(time)
}
