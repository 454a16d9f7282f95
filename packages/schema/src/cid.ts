/**
 * CIDs of files: UnixFS (dag-pb) or a single raw block, always as CIDv1. The key by which
 * the store matches a record's attachments and the attachment service its pins.
 */
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { InvalidCidError } from './errors.js'

const DAG_PB = 0x70

/** The CID of a file, as CIDv1; throws {@link InvalidCidError} for anything else. */
export function parseFileCid(text: string): CID {
  let cid: CID
  try {
    cid = CID.parse(text.trim())
  } catch {
    throw new InvalidCidError(`Not a CID: "${text.slice(0, 100)}"`)
  }
  if (cid.code !== DAG_PB && cid.code !== raw.code) {
    throw new InvalidCidError(`${text} is not the CID of a file (codec 0x${cid.code.toString(16)})`)
  }
  return cid.version === 0 ? cid.toV1() : cid
}

/** The key records and pins are matched by: the CIDv1 string of a file's CID, or undefined. */
export function cidKey(text: string): string | undefined {
  try {
    return parseFileCid(text).toString()
  } catch {
    return undefined
  }
}
