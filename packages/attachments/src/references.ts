/**
 * Which records carry which attachment: read from the store's `attachments` table, which
 * follows every record's current version. It gives a download its media type and name,
 * and the pin policy its candidates, without holding every record in memory.
 */
import type { AttachmentRow } from '@polder/store'

export type AttachmentRef = Omit<AttachmentRow, 'cid'>

/** What the references need of the store. */
export interface AttachmentSource {
  attachments(cids?: readonly string[]): AttachmentRow[]
}

const ref = ({ cid: _, ...rest }: AttachmentRow): AttachmentRef => rest

export class References {
  readonly #source: AttachmentSource

  constructor(source: AttachmentSource) {
    this.#source = source
  }

  /** The records carrying a CID (a CIDv1 string from `cidKey`). */
  get(cid: string): AttachmentRef[] {
    return this.#source.attachments([cid]).map(ref)
  }

  /** Every referenced CID with the records carrying it. */
  *entries(): Generator<[string, AttachmentRef[]]> {
    let cid: string | undefined
    let refs: AttachmentRef[] = []
    for (const row of this.#source.attachments()) {
      if (row.cid !== cid) {
        if (cid !== undefined) yield [cid, refs]
        cid = row.cid
        refs = []
      }
      refs.push(ref(row))
    }
    if (cid !== undefined) yield [cid, refs]
  }
}
