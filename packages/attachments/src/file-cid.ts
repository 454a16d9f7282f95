/**
 * File CIDs in the class the Helia line takes: its UnixFS exporter accepts only CIDs of
 * its own multiformats 13, while the rest of Polder is on multiformats 14. Parsing and
 * normalising is the schema's (`parseFileCid`); this only changes the class.
 */
import { parseFileCid } from '@polder/schema'
import { CID } from 'multiformats-13/cid'

export type FileCid = CID

/** The CIDv1 of a file; throws the schema's `InvalidCidError` for anything else. */
export function fileCid(text: string): FileCid {
  return CID.decode(parseFileCid(text).bytes)
}
