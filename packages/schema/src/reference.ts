import { REFERENCE_SCHEME } from './constants.js'
import { type Did, isDid } from './did.js'
import { InvalidReferenceError } from './errors.js'
import { RECORD_ID_PATTERN } from './record-id.js'

/** A global record reference: `polder://<author-did>/<record-id>`. */
export type PolderRef = `polder://did:key:z${string}/${string}`

export interface ParsedRef {
  readonly author: Did
  readonly id: string
}

/** What a reference is made of; `author` is checked to be a did:key. */
export interface RefParts {
  readonly author: string
  readonly id: string
}

export const REFERENCE_PATTERN =
  /^polder:\/\/did:key:z[1-9A-HJ-NP-Za-km-z]+\/[0-7][0-9A-HJKMNP-TV-Z]{25}$/

/** The global reference of a record by its author and id. */
export function formatRef({ author, id }: RefParts): PolderRef {
  if (!isDid(author)) throw new InvalidReferenceError(`Not an Ed25519 did:key: ${author}`)
  if (!RECORD_ID_PATTERN.test(id)) throw new InvalidReferenceError(`Not a record id: ${id}`)
  return `${REFERENCE_SCHEME}${author}/${id}` as PolderRef
}

/** Author and id of a global reference; throws {@link InvalidReferenceError}. */
export function parseRef(ref: string): ParsedRef {
  if (!ref.startsWith(REFERENCE_SCHEME)) {
    throw new InvalidReferenceError('A Polder reference starts with polder://')
  }
  const rest = ref.slice(REFERENCE_SCHEME.length)
  const slash = rest.indexOf('/')
  if (slash === -1)
    throw new InvalidReferenceError('A Polder reference has the form polder://<did>/<id>')
  const author = rest.slice(0, slash)
  const id = rest.slice(slash + 1)
  if (!isDid(author)) throw new InvalidReferenceError(`Not an Ed25519 did:key: ${author}`)
  if (!RECORD_ID_PATTERN.test(id)) throw new InvalidReferenceError(`Not a record id: ${id}`)
  return { author, id }
}

/** Whether a string is a well-formed global reference. */
export function isRef(value: string): value is PolderRef {
  try {
    parseRef(value)
    return true
  } catch {
    return false
  }
}
